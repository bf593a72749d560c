package dev.decoderlens.analysis;

/**
 * The power spectrum of a region only where the spectral checkerboard measure looks: at the s x s periodic
 * frequencies and within {@link Checkerboard#NEIGHBOURHOOD} bins of them. Computed from the phase sub-grids
 * instead of a full FFT, with the same values:
 *
 * <pre>
 *   F(j H/s + du, k W/s + dv) = sum over phases (a, c) of  e^(-2 pi i (j a + k c) / s) * G_ac(du, dv)
 *   G_ac(du, dv)              = sum over pixels (y, x) of phase (a, c) of  r(y, x) e^(-2 pi i (du y / H + dv x / W))
 * </pre>
 *
 * because e^(-2 pi i j y / s) depends only on y mod s. G costs about 5 complex multiply-adds per pixel (one row
 * pass over the 5 dv offsets, then a short column pass), several times less than a 2-D FFT of a 512x512 map.
 * Power is |F|^2 / (H W)^2 of the mean-removed region, as in {@link PowerSpectrum}.
 */
final class PeriodicPower {
    private PeriodicPower() {
    }

    /** {sum of P at the periodic bins, sum of max(P(f) - N(f), 0)} for the region (y0, x0, rh, rw) of map m. */
    static double[] peaksAndExcess(float[] m, int mapWidth, int y0, int x0, int rh, int rw, int s, double mean) {
        int r = Checkerboard.NEIGHBOURHOOD, nd = 2 * r + 1;
        // Twiddles e^(-2 pi i d x / W) for d = -r..r.
        double[][] twx = twiddles(rw, r), twy = twiddles(rh, r);
        // row[y][c][dv]: sum over x of phase c in row y of value * twiddle
        double[] rowRe = new double[rh * s * nd], rowIm = new double[rh * s * nd];
        for (int y = 0; y < rh; y++) {
            int base = (y0 + y) * mapWidth + x0;
            for (int x = 0; x < rw; x++) {
                double v = m[base + x] - mean;
                int o = (y * s + x % s) * nd;
                for (int d = 0; d < nd; d++) {
                    rowRe[o + d] += v * twx[d][2 * x];
                    rowIm[o + d] += v * twx[d][2 * x + 1];
                }
            }
        }
        // g[a][c][du][dv]
        double[] gRe = new double[s * s * nd * nd], gIm = new double[s * s * nd * nd];
        for (int y = 0; y < rh; y++) {
            int a = y % s;
            for (int c = 0; c < s; c++) {
                int ro = (y * s + c) * nd;
                for (int du = 0; du < nd; du++) {
                    double tr = twy[du][2 * y], ti = twy[du][2 * y + 1];
                    int go = ((a * s + c) * nd + du) * nd;
                    for (int dv = 0; dv < nd; dv++) {
                        double xr = rowRe[ro + dv], xi = rowIm[ro + dv];
                        gRe[go + dv] += xr * tr - xi * ti;
                        gIm[go + dv] += xr * ti + xi * tr;
                    }
                }
            }
        }
        double norm = 1.0 / ((double) rh * rw * rh * rw);
        int stepU = rh / s, stepV = rw / s;
        double peaks = 0, excess = 0;
        for (int j = 0; j < s; j++) {
            for (int k = 0; k < s; k++) {
                if (j == 0 && k == 0) {
                    continue;
                }
                double at = 0, around = 0;
                int n = 0;
                for (int du = -r; du <= r; du++) {
                    for (int dv = -r; dv <= r; dv++) {
                        int uu = Math.floorMod(j * stepU + du, rh), vv = Math.floorMod(k * stepV + dv, rw);
                        boolean centre = du == 0 && dv == 0;
                        if (!centre && uu % stepU == 0 && vv % stepV == 0) {
                            continue; // another periodic bin is not "nearby" background
                        }
                        double p = power(gRe, gIm, s, nd, j, k, du + r, dv + r) * norm;
                        if (centre) {
                            at = p;
                        } else {
                            around += p;
                            n++;
                        }
                    }
                }
                peaks += at;
                excess += Math.max(0, at - (n == 0 ? 0 : around / n));
            }
        }
        return new double[] {peaks, excess};
    }

    /** |sum over (a, c) of e^(-2 pi i (j a + k c) / s) G_ac(du, dv)|^2. */
    private static double power(double[] gRe, double[] gIm, int s, int nd, int j, int k, int du, int dv) {
        double re = 0, im = 0;
        for (int a = 0; a < s; a++) {
            for (int c = 0; c < s; c++) {
                double ang = -2 * Math.PI * (j * a + k * c) / s;
                double cr = Math.cos(ang), ci = Math.sin(ang);
                int g = ((a * s + c) * nd + du) * nd + dv;
                re += cr * gRe[g] - ci * gIm[g];
                im += cr * gIm[g] + ci * gRe[g];
            }
        }
        return re * re + im * im;
    }

    /** For d = -r..r: interleaved (cos, sin) of -2 pi d x / n, x = 0..n-1. */
    private static double[][] twiddles(int n, int r) {
        double[][] t = new double[2 * r + 1][2 * n];
        for (int d = -r; d <= r; d++) {
            for (int x = 0; x < n; x++) {
                double ang = -2 * Math.PI * d * (double) x / n;
                t[d + r][2 * x] = Math.cos(ang);
                t[d + r][2 * x + 1] = Math.sin(ang);
            }
        }
        return t;
    }
}
