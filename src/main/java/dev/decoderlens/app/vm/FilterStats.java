package dev.decoderlens.app.vm;

import java.util.Locale;

/**
 * What the inspector says about one filter's map: range, mean, standard deviation, a histogram, and whether it is
 * dead (all zero) or saturated (values within 1e-3 of a bounded activation's limit).
 *
 * @param saturatedShare share of values at a limit, or NaN when the layer's activation has no limits
 */
public record FilterStats(int count, float min, float max, double mean, double std, int[] histogram, boolean dead,
                          double saturatedShare) {
    public static final int BINS = 64;
    static final double LIMIT_TOLERANCE = 1e-3;

    /** Statistics of a map; {@code low}/{@code high} are the activation's limits (NaN when unbounded). */
    public static FilterStats of(float[] map, float low, float high) {
        float min = Float.POSITIVE_INFINITY, max = Float.NEGATIVE_INFINITY;
        double sum = 0;
        int finite = 0;
        boolean allZero = true;
        for (float v : map) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                finite++;
            }
            allZero &= v == 0f;
        }
        double mean = finite == 0 ? Double.NaN : sum / finite;
        double sq = 0;
        int sat = 0;
        int[] hist = new int[BINS];
        double width = max - min;
        for (float v : map) {
            if (!Float.isFinite(v)) {
                continue;
            }
            sq += (v - mean) * (v - mean);
            int bin = width > 0 ? (int) Math.min(BINS - 1, (v - min) / width * BINS) : 0;
            hist[bin]++;
            if (Math.abs(v - low) <= LIMIT_TOLERANCE || Math.abs(v - high) <= LIMIT_TOLERANCE) {
                sat++;
            }
        }
        double std = finite == 0 ? Double.NaN : Math.sqrt(sq / finite);
        boolean bounded = Float.isFinite(low) && Float.isFinite(high);
        return new FilterStats(finite, min, max, mean, std, hist, allZero, bounded && finite > 0 ? sat / (double) finite : Double.NaN);
    }

    /** The limits of a layer's activation by its operator type: sigmoid 0..1, tanh -1..1, else none. */
    public static float[] limits(String opType) {
        String t = opType.toLowerCase(Locale.ROOT);
        if (t.contains("sigmoid")) {
            return new float[] {0, 1};
        }
        if (t.contains("tanh")) {
            return new float[] {-1, 1};
        }
        return new float[] {Float.NaN, Float.NaN};
    }

    public boolean saturated() {
        return saturatedShare >= 0.99;
    }

    /** One line for the inspector: "dead: every value is 0" / "saturated: 99.8% at a limit" / "". */
    public String verdict() {
        if (dead) {
            return "Dead: every value is 0 (a ReLU that never fires passes nothing on).";
        }
        if (!Double.isNaN(saturatedShare) && saturatedShare > 0.5) {
            return String.format(Locale.ROOT, "Saturated: %.1f%% of values within 0.001 of the activation's limit.", 100 * saturatedShare);
        }
        return "";
    }
}
