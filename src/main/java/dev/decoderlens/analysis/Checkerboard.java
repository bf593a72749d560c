package dev.decoderlens.analysis;

/**
 * Checkerboard measures of one map for a sampling period s (the stride of the upsampling that made it).
 *
 * <p>Region: the map without a border of b pixels on each side (b rounded up to a multiple of s, so the phase
 * grid stays aligned), shortened to a multiple of s in both directions. Borders are left out because there the
 * overlap of a transposed convolution is uneven for any kernel, which is not what these measures are about.
 *
 * <p><b>Phase measure.</b> Split the region into its s x s phase sub-grids (pixels (y, x) with y mod s = a and
 * x mod s = c); let m_ac be their means, m the region's mean, B = (1/s^2) sum (m_ac - m)^2 the variance of the
 * phase means and V the region's variance. The measure is sqrt(B / V): the spread of the phase means relative
 * to the map's standard deviation. Since all phases have the same size, V = B + (mean variance within a phase),
 * so the measure lies in [0, 1]: 0 when every phase has the same mean (a constant map, a nearest-upsampled
 * image), 1 when the map is constant within each phase (a pure (-1)^(x+y) pattern).
 *
 * <p><b>Spectral measure.</b> With the power spectrum P of the mean-removed region (H x W, both multiples of s),
 * the stride's periodic frequencies are the bins (j H/s, k W/s) for j, k in 0..s-1 except (0, 0) - for s = 2:
 * (pi, 0), (0, pi), (pi, pi). For each, the background N(f) is the mean power of the bins within 2 of it (other
 * periodic bins excluded). The measure is sum_f max(P(f) - N(f), 0) / sum of all P: the share of the map's
 * variance that stands out at the periodic frequencies above the spectrum nearby. 0 for a constant map or
 * noise-like content, 1 for a pure periodic pattern. {@code peakShare} is the plain share sum_f P(f) / sum P.
 *
 * {@link PeriodicPower} computes just those bins from the phase sub-grids; the sum of all P is the variance.
 *
 * <p>The {@code between}, {@code variance}, {@code excess} and {@code acPower} parts are kept so that a layer's
 * measure can pool its filters: sqrt(sum B / sum V) and sum excess / sum power, so filters with almost no
 * variance do not dominate.
 */
public record Checkerboard(int period, double phase, double spectral, double peakShare, double between, double variance,
                           double excess, double acPower) {

    public static final Checkerboard NONE = new Checkerboard(1, 0, 0, 0, 0, 0, 0, 0);
    /** Half-width of the neighbourhood around a periodic frequency that defines "nearby". */
    static final int NEIGHBOURHOOD = 2;

    /** The measures of the (h, w) row-major map {@code m}; periods below 2 give {@link #NONE}. */
    public static Checkerboard of(float[] m, int h, int w, int period, int border) {
        return of(m, h, w, period, border, true);
    }

    /** As {@link #of(float[], int, int, int, int)}; without {@code spectral} the (costlier) FFT is skipped. */
    public static Checkerboard of(float[] m, int h, int w, int period, int border, boolean spectral) {
        int s = period;
        if (s < 2) {
            return NONE;
        }
        int b = Math.ceilDiv(Math.max(0, border), s) * s;
        int rh = (h - 2 * b) / s * s, rw = (w - 2 * b) / s * s;
        if (rh < 2 * s || rw < 2 * s) {
            b = 0; // a small map: use all of it rather than nothing
            rh = h / s * s;
            rw = w / s * s;
            if (rh < s || rw < s) {
                return NONE;
            }
        }
        double[] phaseSum = new double[s * s];
        double sum = 0, sumSq = 0;
        for (int y = 0; y < rh; y++) {
            int row = (b + y) * w + b;
            for (int x = 0; x < rw; x++) {
                double v = m[row + x];
                phaseSum[(y % s) * s + x % s] += v;
                sum += v;
                sumSq += v * v;
            }
        }
        double n = (double) rh * rw;
        double mean = sum / n;
        double variance = Math.max(0, sumSq / n - mean * mean);
        double between = 0;
        double perPhase = n / (s * s);
        for (double ps : phaseSum) {
            double d = ps / perPhase - mean;
            between += d * d;
        }
        between /= s * s;
        between = Math.min(between, variance); // rounding must not push the ratio above 1
        double phase = variance <= tiny(mean) ? 0 : Math.sqrt(between / variance);
        if (!spectral || variance <= tiny(mean)) {
            return new Checkerboard(s, phase, 0, 0, between, variance, 0, variance);
        }
        // Parseval: the power of the mean-removed region sums to its variance.
        double[] pe = PeriodicPower.peaksAndExcess(m, w, b, b, rh, rw, s, mean);
        return new Checkerboard(s, phase, pe[1] / variance, pe[0] / variance, between, variance, pe[1], variance);
    }

    /**
     * Variance below which a map counts as constant: a standard deviation under 1e-5 of the mean's size is float32
     * rounding (about 6e-8 relative per operation, accumulated over a few hundred terms), not a pattern.
     */
    private static double tiny(double mean) {
        double sd = 1e-5 * Math.abs(mean);
        return Math.max(sd * sd, 1e-30);
    }

    /** The pooled measure of several maps (the filters of one layer), as described above. */
    public static Checkerboard pooled(Iterable<Checkerboard> maps) {
        double between = 0, variance = 0, excess = 0, ac = 0, peaks = 0;
        int period = 1;
        for (Checkerboard c : maps) {
            period = Math.max(period, c.period);
            between += c.between;
            variance += c.variance;
            excess += c.excess;
            ac += c.acPower;
            peaks += c.peakShare * c.acPower;
        }
        if (period < 2) {
            return NONE;
        }
        return new Checkerboard(period, variance > 0 ? Math.sqrt(between / variance) : 0, ac > 0 ? excess / ac : 0,
                ac > 0 ? peaks / ac : 0, between, variance, excess, ac);
    }
}
