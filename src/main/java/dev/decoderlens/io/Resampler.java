package dev.decoderlens.io;

/** One-dimensional triangle-filter resampling along rows or columns of a (rows, cols) plane. */
final class Resampler {
    private Resampler() {
    }

    /**
     * Resamples along one axis of a plane that has {@code lines} lines across that axis. With {@code alongRows}
     * the plane is (lines, inLen) and becomes (lines, outLen); otherwise it is (inLen, lines) and becomes
     * (outLen, lines).
     */
    static float[] resample(float[] in, int lines, int inLen, int outLen, boolean alongRows) {
        double scale = (double) inLen / outLen;
        double support = Math.max(1.0, scale); // widen the triangle when shrinking
        int other = lines;
        float[] out = new float[other * outLen];
        for (int o = 0; o < outLen; o++) {
            double centre = (o + 0.5) * scale - 0.5;
            int lo = Math.max(0, (int) Math.floor(centre - support) + 1);
            int hi = Math.min(inLen - 1, (int) Math.ceil(centre + support) - 1);
            double[] weights = new double[Math.max(0, hi - lo + 1)];
            double sum = 0;
            for (int t = lo; t <= hi; t++) {
                double wgt = Math.max(0, 1 - Math.abs(t - centre) / support);
                weights[t - lo] = wgt;
                sum += wgt;
            }
            if (sum == 0) { // a single nearest tap: only when the filter misses every sample
                lo = hi = Math.clamp(Math.round(centre), 0, inLen - 1);
                weights = new double[] {1};
                sum = 1;
            }
            for (int r = 0; r < other; r++) {
                double acc = 0;
                for (int t = lo; t <= hi; t++) {
                    float v = alongRows ? in[r * inLen + t] : in[t * other + r];
                    acc += weights[t - lo] * v;
                }
                out[alongRows ? r * outLen + o : o * other + r] = (float) (acc / sum);
            }
        }
        return out;
    }
}
