package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.op.Activation;

/**
 * One segment of a {@link Winograd} convolution in plain Java, for the fallback kernels: the same transforms and
 * 16 GEMMs as {@link VectorWinograd}. Slabs and products are stored as rows, one per (xi, channel), each from index
 * 0: C2 vectorises a loop {@code s[j] += a * w[j]} over such rows by itself (not over two arrays at different
 * offsets). The GEMM's inner loop runs along the longer of the two dimensions it could take: the segment's blocks
 * ({@code m[t] += u * v[t]}) or the output channels ({@code acc[j] += v * u[j]}). Short inner loops cost more in
 * loop overhead than in arithmetic: with output channels only, a 32 -> 64 layer took 92 ms instead of 52; with
 * blocks only, a 128 -> 256 layer took 160 ms instead of 140.
 */
final class ScalarWinograd {
    /** Output channels whose product rows are updated together, sharing each load of an input row. */
    private static final int QUAD = 4;
    private static final ThreadLocal<float[][][]> ROWS = ThreadLocal.withInitial(() -> new float[2][0][]);

    private ScalarWinograd() {
    }

    /** This thread's rows: [0] 16*cin input rows, [1] 16*cout product rows, each at least {@code count} long. */
    private static float[][][] rows(int cin, int cout, int count) {
        float[][][] held = ROWS.get();
        if (held[0].length < 16 * cin || held[0][0].length < count) {
            held[0] = new float[16 * cin][Math.max(count, held[0].length == 0 ? 0 : held[0][0].length)];
        }
        if (held[1].length < 16 * cout || held[1][0].length < count) {
            held[1] = new float[16 * cout][Math.max(count, held[1].length == 0 ? 0 : held[1][0].length)];
        }
        return held;
    }

    static void segment(Winograd.Job job, int b, int ty, int tx0, int count) {
        Winograd.Filter f = job.f();
        int cin = f.cin, cout = f.cout;
        float[][][] held = rows(cin, cout, count);
        float[][] v = held[0], m = held[1];
        transformInput(job.x(), b, job.h(), job.w(), cin, 2 * ty - job.top(), 2 * tx0 - job.left(), count, v);
        if (cout >= count) {
            alongChannels(f, v, m, count);
        } else {
            alongBlocks(f, v, m, count);
        }
        transformOutput(m, count, cout, job, b, 2 * ty, 2 * tx0);
    }

    /** m[xi*cout + co][t] = sum over ci of u[xi][ci][co] * v[xi*cin + ci][t], inner loop along the blocks t. */
    private static void alongBlocks(Winograd.Filter f, float[][] v, float[][] m, int count) {
        int cin = f.cin, cout = f.cout;
        float[] u = f.u;
        for (int xi = 0; xi < 16; xi++) {
            for (int co = 0; co < cout; co += QUAD) {
                if (co + QUAD <= cout) {
                    float[] m0 = m[xi * cout + co], m1 = m[xi * cout + co + 1], m2 = m[xi * cout + co + 2], m3 = m[xi * cout + co + 3];
                    java.util.Arrays.fill(m0, 0, count, 0f);
                    java.util.Arrays.fill(m1, 0, count, 0f);
                    java.util.Arrays.fill(m2, 0, count, 0f);
                    java.util.Arrays.fill(m3, 0, count, 0f);
                    for (int ci = 0; ci < cin; ci++) {
                        float[] vr = v[xi * cin + ci];
                        int uo = (xi * cin + ci) * cout + co;
                        float u0 = u[uo], u1 = u[uo + 1], u2 = u[uo + 2], u3 = u[uo + 3];
                        for (int t = 0; t < count; t++) {
                            float a = vr[t];
                            m0[t] = Math.fma(u0, a, m0[t]);
                            m1[t] = Math.fma(u1, a, m1[t]);
                            m2[t] = Math.fma(u2, a, m2[t]);
                            m3[t] = Math.fma(u3, a, m3[t]);
                        }
                    }
                } else {
                    for (int c = co; c < cout; c++) {
                        float[] mr = m[xi * cout + c];
                        java.util.Arrays.fill(mr, 0, count, 0f);
                        for (int ci = 0; ci < cin; ci++) {
                            float[] vr = v[xi * cin + ci];
                            float uc = u[(xi * cin + ci) * cout + c];
                            for (int t = 0; t < count; t++) {
                                mr[t] = Math.fma(uc, vr[t], mr[t]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** The same products, inner loop along the output channels: sums of four blocks in rows of cout. */
    private static void alongChannels(Winograd.Filter f, float[][] v, float[][] m, int count) {
        int cin = f.cin, cout = f.cout;
        float[][] rows = f.rows();
        float[][] acc = new float[QUAD][cout];
        for (int xi = 0; xi < 16; xi++) {
            for (int t0 = 0; t0 < count; t0 += QUAD) {
                int px = Math.min(QUAD, count - t0);
                for (int p = 0; p < px; p++) {
                    java.util.Arrays.fill(acc[p], 0f);
                }
                for (int ci = 0; ci < cin; ci++) {
                    float[] wRow = rows[xi * cin + ci], vr = v[xi * cin + ci];
                    for (int p = 0; p < px; p++) {
                        float a = vr[t0 + p];
                        float[] sums = acc[p];
                        for (int j = 0; j < cout; j++) {
                            sums[j] = Math.fma(a, wRow[j], sums[j]);
                        }
                    }
                }
                for (int j = 0; j < cout; j++) {
                    float[] mr = m[xi * cout + j];
                    for (int p = 0; p < px; p++) {
                        mr[t0 + p] = acc[p][j];
                    }
                }
            }
        }
    }

    /** v[xi*cin + ci][t] = (B^T d B)[xi] of the 4x4 patch of block t (see {@link Winograd}); zero outside the image. */
    private static void transformInput(float[] x, int b, int h, int w, int cin, int y0, int x0, int count, float[][] v) {
        float[] d = new float[16];
        for (int t = 0; t < count; t++) {
            int xs = x0 + 2 * t;
            for (int c = 0; c < cin; c++) {
                for (int r = 0; r < 4; r++) {
                    int y = y0 + r;
                    for (int s = 0; s < 4; s++) {
                        int xx = xs + s;
                        d[4 * r + s] = y >= 0 && y < h && xx >= 0 && xx < w ? x[((b * h + y) * w + xx) * cin + c] : 0f;
                    }
                }
                for (int s = 0; s < 4; s++) { // B^T d
                    float d0 = d[s], d1 = d[4 + s], d2 = d[8 + s], d3 = d[12 + s];
                    d[s] = d0 - d2;
                    d[4 + s] = d1 + d2;
                    d[8 + s] = d2 - d1;
                    d[12 + s] = d1 - d3;
                }
                for (int r = 0; r < 4; r++) { // (B^T d) B
                    float e0 = d[4 * r], e1 = d[4 * r + 1], e2 = d[4 * r + 2], e3 = d[4 * r + 3];
                    v[(4 * r) * cin + c][t] = e0 - e2;
                    v[(4 * r + 1) * cin + c][t] = e1 + e2;
                    v[(4 * r + 2) * cin + c][t] = e2 - e1;
                    v[(4 * r + 3) * cin + c][t] = e1 - e3;
                }
            }
        }
    }

    /** Y = A^T M A + bias for every block of the segment, activation applied, written where inside the output. */
    private static void transformOutput(float[][] m, int count, int cout, Winograd.Job job, int b, int y0, int x0) {
        float[] out = job.out(), bias = job.bias();
        int oh = job.oh(), ow = job.ow();
        Activation act = job.act();
        float[] q = new float[16];
        for (int t = 0; t < count; t++) {
            int xs = x0 + 2 * t;
            for (int c = 0; c < cout; c++) {
                for (int xi = 0; xi < 16; xi++) {
                    q[xi] = m[xi * cout + c][t];
                }
                float r00 = q[0] + q[4] + q[8], r01 = q[1] + q[5] + q[9], r02 = q[2] + q[6] + q[10], r03 = q[3] + q[7] + q[11];
                float r10 = q[4] - q[8] - q[12], r11 = q[5] - q[9] - q[13], r12 = q[6] - q[10] - q[14], r13 = q[7] - q[11] - q[15];
                float bc = bias[c];
                out[((b * oh + y0) * ow + xs) * cout + c] = act.apply(r00 + r01 + r02 + bc);
                if (xs + 1 < ow) {
                    out[((b * oh + y0) * ow + xs + 1) * cout + c] = act.apply(r01 - r02 - r03 + bc);
                }
                if (y0 + 1 < oh) {
                    out[((b * oh + y0 + 1) * ow + xs) * cout + c] = act.apply(r10 + r11 + r12 + bc);
                    if (xs + 1 < ow) {
                        out[((b * oh + y0 + 1) * ow + xs + 1) * cout + c] = act.apply(r11 - r12 - r13 + bc);
                    }
                }
            }
        }
    }
}
