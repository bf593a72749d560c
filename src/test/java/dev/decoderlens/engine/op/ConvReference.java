package dev.decoderlens.engine.op;

/**
 * Naive, obviously-right convolutions on NCHW arrays, straight from the definitions, in double precision. Pads and
 * output sizes are given explicitly, so nothing here shares code with the engine.
 */
final class ConvReference {
    private ConvReference() {
    }

    /** y[n][co][oy][ox] = b[co] + sum x[n][g*cinG+ci][oy*s - pt + ky*d][ox*s - pl + kx*d] * w[co][ci][ky][kx]. */
    static float[] conv(float[] x, int n, int cin, int h, int w, float[] wt, int cout, int kh, int kw, float[] b,
                        int sh, int sw, int dh, int dw, int groups, int pt, int pl, int oh, int ow) {
        int cinG = cin / groups, coutG = cout / groups;
        float[] y = new float[n * cout * oh * ow];
        for (int in = 0; in < n; in++) {
            for (int co = 0; co < cout; co++) {
                int g = co / coutG;
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b == null ? 0 : b[co];
                        for (int ci = 0; ci < cinG; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int iy = oy * sh - pt + ky * dh;
                                if (iy < 0 || iy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ix = ox * sw - pl + kx * dw;
                                    if (ix < 0 || ix >= w) {
                                        continue;
                                    }
                                    s += (double) x[((in * cin + g * cinG + ci) * h + iy) * w + ix]
                                            * wt[((co * cinG + ci) * kh + ky) * kw + kx];
                                }
                            }
                        }
                        y[((in * cout + co) * oh + oy) * ow + ox] = (float) s;
                    }
                }
            }
        }
        return y;
    }

    /**
     * The scatter form of the transposed convolution: every input pixel adds its kernel-weighted value at output
     * position iy*s + ky*d - pt (dropped when outside the output). Weight (cin, coutG, kh, kw).
     */
    static float[] convTranspose(float[] x, int n, int cin, int h, int w, float[] wt, int coutG, int kh, int kw,
                                 float[] b, int sh, int sw, int dh, int dw, int groups, int pt, int pl, int oh, int ow) {
        int cinG = cin / groups, cout = coutG * groups;
        double[] y = new double[n * cout * oh * ow];
        for (int in = 0; in < n; in++) {
            for (int ci = 0; ci < cin; ci++) {
                int g = ci / cinG;
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < w; ix++) {
                        double v = x[((in * cin + ci) * h + iy) * w + ix];
                        for (int co = 0; co < coutG; co++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int oy = iy * sh + ky * dh - pt;
                                if (oy < 0 || oy >= oh) {
                                    continue;
                                }
                                for (int kx = 0; kx < kw; kx++) {
                                    int ox = ix * sw + kx * dw - pl;
                                    if (ox < 0 || ox >= ow) {
                                        continue;
                                    }
                                    y[((in * cout + g * coutG + co) * oh + oy) * ow + ox] +=
                                            v * wt[((ci * coutG + co) * kh + ky) * kw + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            int co = (i / (oh * ow)) % cout;
            out[i] = (float) (y[i] + (b == null ? 0 : b[co]));
        }
        return out;
    }
}
