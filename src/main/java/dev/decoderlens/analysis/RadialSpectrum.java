package dev.decoderlens.analysis;

/**
 * The azimuthally averaged power spectrum: the mean of P(u, v) over rings of equal radius
 * rho = sqrt((u/H)^2 + (v/W)^2) cycles per pixel, ring width 1 / min(H, W), as a curve of log10 power against
 * rho from 0 to sqrt(2)/2. Durall et al. ("Watch your up-convolution", CVPR 2020) use this curve to show that
 * up-convolutions distort the high-frequency end of the spectrum; a checkerboard of period s shows as a spike at
 * rho = 1/s (and sqrt(2)/s).
 *
 * @param frequency   ring centres in cycles per pixel
 * @param logPower    log10 of the mean power in each ring (log10 of 1e-30 for an empty or zero ring)
 */
public record RadialSpectrum(double[] frequency, double[] logPower) {
    static final double FLOOR = 1e-30;

    /** The curve of one spectrum. */
    public static RadialSpectrum of(PowerSpectrum p) {
        return ofSum(p.power(), p.height(), p.width(), 1);
    }

    /**
     * The curve of a sum of {@code maps} spectra of the same size (averaged first, then logged): the curve of a
     * whole layer.
     */
    public static RadialSpectrum ofSum(double[] summedPower, int h, int w, int maps) {
        int n = Math.min(h, w);
        int bins = (int) Math.ceil(Math.sqrt(0.5) * n) + 1;
        double[] sum = new double[bins];
        int[] cnt = new int[bins];
        for (int u = 0; u < h; u++) {
            double fu = (u <= h / 2 ? u : u - h) / (double) h;
            for (int v = 0; v < w; v++) {
                double fv = (v <= w / 2 ? v : v - w) / (double) w;
                int bin = (int) Math.round(Math.sqrt(fu * fu + fv * fv) * n);
                sum[bin] += summedPower[u * w + v];
                cnt[bin]++;
            }
        }
        double[] f = new double[bins], lp = new double[bins];
        for (int b = 0; b < bins; b++) {
            f[b] = b / (double) n;
            double mean = cnt[b] == 0 ? 0 : sum[b] / cnt[b] / maps;
            lp[b] = Math.log10(Math.max(mean, FLOOR));
        }
        return new RadialSpectrum(f, lp);
    }
}
