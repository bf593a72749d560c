package dev.decoderlens.analysis;

import org.jtransforms.fft.DoubleFFT_2D;

/**
 * The 2-D power spectrum of a map with its mean removed: P(u, v) = |F(u, v)|^2 / (H W)^2, where F is the discrete
 * Fourier transform. With this scaling the sum of P over all (u, v) equals the map's variance (Parseval), so
 * shares of power are shares of variance. Index (u, v) is frequency (u / H, v / W) cycles per pixel; u > H / 2
 * stands for the negative frequency u - H.
 */
public record PowerSpectrum(int height, int width, double[] power) {

    /** The spectrum of the (h, w) row-major map {@code m} restricted to rows [y0, y0+h) and columns [x0, x0+w). */
    public static PowerSpectrum of(float[] m, int mapWidth, int y0, int x0, int h, int w) {
        double mean = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mean += m[(y0 + y) * mapWidth + x0 + x];
            }
        }
        mean /= (double) h * w;
        double[] a = new double[h * 2 * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = m[(y0 + y) * mapWidth + x0 + x] - mean;
            }
        }
        new DoubleFFT_2D(h, w).realForwardFull(a);
        double[] p = new double[h * w];
        double norm = 1.0 / ((double) h * w * h * w);
        for (int i = 0; i < p.length; i++) {
            double re = a[2 * i], im = a[2 * i + 1];
            p[i] = (re * re + im * im) * norm;
        }
        return new PowerSpectrum(h, w, p);
    }

    public double at(int u, int v) {
        return power[Math.floorMod(u, height) * width + Math.floorMod(v, width)];
    }

    /** Sum over all frequencies: the variance of the map. */
    public double total() {
        double t = 0;
        for (double v : power) {
            t += v;
        }
        return t;
    }
}
