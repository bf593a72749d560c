package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.NB;
import static dev.decoderlens.engine.kernel.VectorTiles.S;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;

import dev.decoderlens.engine.op.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * One segment of a {@link Winograd} convolution with the Vector API: the input transform 16 channels at a time,
 * the 16 GEMMs on the {@link VectorTiles} micro-kernel (a slab is a row of "pixels" with Cin channels, U[xi] a
 * 1-tap filter panel, the bias zero), then the output transform with bias and ReLU, chunk by chunk of output
 * channels so that the products are turned into pixels while still in cache.
 */
final class VectorWinograd {
    /** The products of one chunk of output channels take at most about this many floats. */
    private static final int PRODUCT_FLOATS = 64 * 1024;

    private VectorWinograd() {
    }

    /** Whether this job's channel counts fill whole vectors (in) and panels (out). */
    static boolean fits(Winograd.Job job) {
        return job.f().cin % VL == 0 && job.f().cout % NB == 0;
    }

    static void segment(Winograd.Job job, int b, int ty, int tx0, int count) {
        Winograd.Filter f = job.f();
        float[] x = job.x(), out = job.out(), bias = job.bias(), packed = f.panels(NB);
        int h = job.h(), w = job.w(), oh = job.oh(), ow = job.ow();
        Activation act = job.act();
        int cin = f.cin, cout = f.cout, blocks = cout / NB;
        // output channels in chunks whose 16 products stay near PRODUCT_FLOATS
        int chunk = Math.max(1, Math.min(blocks, PRODUCT_FLOATS / (16 * count * NB)));
        int cb = chunk * NB;
        float[][] buffers = Winograd.buffers(16 * count * cin, 16 * count * cb);
        float[] v = buffers[0], m = buffers[1];
        transformInput(x, b, h, w, cin, 2 * ty - job.top(), 2 * tx0 - job.left(), count, v);
        boolean relu = act == Activation.RELU;
        for (int b0 = 0; b0 < blocks; b0 += chunk) {
            int blocksHere = Math.min(chunk, blocks - b0);
            gemms(16, v, packed, m, count, cin, blocks, b0, blocksHere, cb);
            transformOutput(m, count, cb, blocksHere * NB, b0 * NB, bias, relu, out, b, oh, ow, cout, 2 * ty, 2 * tx0);
        }
        if (act != Activation.IDENTITY && !relu) {
            for (int i = 0; i < 2 && 2 * ty + i < oh; i++) {
                int from = ((b * oh + 2 * ty + i) * ow + 2 * tx0) * cout;
                int to = ((b * oh + 2 * ty + i) * ow + Math.min(ow, 2 * (tx0 + count))) * cout;
                VectorActivations.apply(act, out, from, to);
            }
        }
    }

    /**
     * The GEMMs of a segment, for Winograd transforms of {@code points} points (16 for F(2x2, 3x3), 9 for F(2x2, 2x2)):
     * m[xi][t][k * NB + j] = sum over ci of v[xi][t][ci] * U[xi][ci][(b0 + k) * NB + j], for the {@code count} blocks t
     * of the segment and the {@code here} panels of output channels from {@code b0}, on the {@link VectorTiles}
     * micro-kernel (a slab is a row of "pixels" with {@code cin} channels, U[xi] a 1-tap panel, no bias).
     */
    static void gemms(int points, float[] v, float[] packed, float[] m, int count, int cin, int blocks, int b0, int here,
                      int cb) {
        float[] zeros = new float[NB];
        int[] base = new int[1];
        int tiles = VectorKernels.tiles(count, VectorTiles.PIXELS);
        boolean wide = VectorKernels.tileWidth(count, VectorTiles.PIXELS) == VectorTiles.PIXELS;
        for (int xi = 0; xi < points; xi++) {
            for (int k = 0; k < here; k++) {
                int wo = ((xi * blocks + b0 + k) * cin) * NB;
                int mo = xi * count * cb + k * NB;
                for (int i = 0; i < tiles; i++) {
                    int u0 = VectorKernels.tileStart(i, count, VectorTiles.PIXELS);
                    base[0] = (xi * count + u0) * cin;
                    if (wide) {
                        VectorTiles.tile8(v, base, cin, cin, packed, wo, zeros, 0, m, mo + u0 * cb, cb, false);
                    } else {
                        VectorTiles.tile1(v, base, cin, packed, wo, zeros, 0, m, mo + u0 * cb, false);
                    }
                }
            }
        }
    }

    /**
     * v[xi][t][ci] = (B^T d B)[xi] for the patches of blocks t &lt; count: input rows y0..y0+3, columns x0 + 2t ..
     * x0 + 2t + 3 (outside the image: zero). A patch inside the image is transformed where it lies; one that
     * reaches over an edge is first copied, with its zeros, into a 4x4 patch of one vector per pixel. The transform
     * itself then has no branches: with a choice per load it took C2 about a second to compile (several times, as
     * the profile grew), most of the first run's time in a new window.
     */
    private static void transformInput(float[] x, int b, int h, int w, int cin, int y0, int x0, int count, float[] v) {
        int rowLen = w * cin, slab = count * cin;
        boolean rowsInside = y0 >= 0 && y0 + 3 < h;
        float[] patch = null;
        for (int t = 0; t < count; t++) {
            int xs = x0 + 2 * t, o = t * cin;
            if (rowsInside && xs >= 0 && xs + 3 < w) {
                int first = ((b * h + y0) * w + xs) * cin;
                for (int c = 0; c < cin; c += VL) {
                    transform(x, first + c, rowLen, cin, v, slab, o + c);
                }
            } else {
                patch = patch != null ? patch : new float[16 * VL];
                for (int c = 0; c < cin; c += VL) {
                    java.util.Arrays.fill(patch, 0f);
                    for (int r = 0; r < 4; r++) {
                        int y = y0 + r;
                        for (int s = 0; s < 4 && y >= 0 && y < h; s++) {
                            int xx = xs + s;
                            if (xx >= 0 && xx < w) {
                                System.arraycopy(x, ((b * h + y) * w + xx) * cin + c, patch, (4 * r + s) * VL, VL);
                            }
                        }
                    }
                    transform(patch, 0, 4 * VL, VL, v, slab, o + c);
                }
            }
        }
    }

    /**
     * One vector of channels of one patch: d[r][s] at {@code src[p + r * rowStep + s * colStep]}, B^T d B into the
     * 16 slabs of {@code v} at offset {@code o}.
     */
    private static void transform(float[] src, int p, int rowStep, int colStep, float[] v, int slab, int o) {
        int p1 = p + rowStep, p2 = p1 + rowStep, p3 = p2 + rowStep;
        FloatVector d00 = FloatVector.fromArray(S, src, p), d01 = FloatVector.fromArray(S, src, p + colStep);
        FloatVector d02 = FloatVector.fromArray(S, src, p + 2 * colStep), d03 = FloatVector.fromArray(S, src, p + 3 * colStep);
        FloatVector d10 = FloatVector.fromArray(S, src, p1), d11 = FloatVector.fromArray(S, src, p1 + colStep);
        FloatVector d12 = FloatVector.fromArray(S, src, p1 + 2 * colStep), d13 = FloatVector.fromArray(S, src, p1 + 3 * colStep);
        FloatVector d20 = FloatVector.fromArray(S, src, p2), d21 = FloatVector.fromArray(S, src, p2 + colStep);
        FloatVector d22 = FloatVector.fromArray(S, src, p2 + 2 * colStep), d23 = FloatVector.fromArray(S, src, p2 + 3 * colStep);
        FloatVector d30 = FloatVector.fromArray(S, src, p3), d31 = FloatVector.fromArray(S, src, p3 + colStep);
        FloatVector d32 = FloatVector.fromArray(S, src, p3 + 2 * colStep), d33 = FloatVector.fromArray(S, src, p3 + 3 * colStep);
        FloatVector e00 = d00.sub(d20), e10 = d10.add(d20), e20 = d20.sub(d10), e30 = d10.sub(d30);
        FloatVector e01 = d01.sub(d21), e11 = d11.add(d21), e21 = d21.sub(d11), e31 = d11.sub(d31);
        FloatVector e02 = d02.sub(d22), e12 = d12.add(d22), e22 = d22.sub(d12), e32 = d12.sub(d32);
        FloatVector e03 = d03.sub(d23), e13 = d13.add(d23), e23 = d23.sub(d13), e33 = d13.sub(d33);
        e00.sub(e02).intoArray(v, o);
        e01.add(e02).intoArray(v, slab + o);
        e02.sub(e01).intoArray(v, 2 * slab + o);
        e01.sub(e03).intoArray(v, 3 * slab + o);
        e10.sub(e12).intoArray(v, 4 * slab + o);
        e11.add(e12).intoArray(v, 5 * slab + o);
        e12.sub(e11).intoArray(v, 6 * slab + o);
        e11.sub(e13).intoArray(v, 7 * slab + o);
        e20.sub(e22).intoArray(v, 8 * slab + o);
        e21.add(e22).intoArray(v, 9 * slab + o);
        e22.sub(e21).intoArray(v, 10 * slab + o);
        e21.sub(e23).intoArray(v, 11 * slab + o);
        e30.sub(e32).intoArray(v, 12 * slab + o);
        e31.add(e32).intoArray(v, 13 * slab + o);
        e32.sub(e31).intoArray(v, 14 * slab + o);
        e31.sub(e33).intoArray(v, 15 * slab + o);
    }

    /**
     * Output blocks of this segment for channels [co0, co0 + width): Y = A^T M A + bias, ReLU when asked, written
     * where inside the output.
     */
    private static void transformOutput(float[] m, int count, int cb, int width, int co0, float[] bias, boolean relu,
                                        float[] out, int b, int oh, int ow, int cout, int y0, int x0) {
        FloatVector z = FloatVector.zero(S);
        int slab = count * cb;
        for (int t = 0; t < count; t++) {
            int xs = x0 + 2 * t;
            for (int c = 0; c < width; c += VL) {
                int o = t * cb + c;
                FloatVector q0 = FloatVector.fromArray(S, m, 0 * slab + o);
                FloatVector q1 = FloatVector.fromArray(S, m, 1 * slab + o);
                FloatVector q2 = FloatVector.fromArray(S, m, 2 * slab + o);
                FloatVector q3 = FloatVector.fromArray(S, m, 3 * slab + o);
                FloatVector q4 = FloatVector.fromArray(S, m, 4 * slab + o);
                FloatVector q5 = FloatVector.fromArray(S, m, 5 * slab + o);
                FloatVector q6 = FloatVector.fromArray(S, m, 6 * slab + o);
                FloatVector q7 = FloatVector.fromArray(S, m, 7 * slab + o);
                FloatVector q8 = FloatVector.fromArray(S, m, 8 * slab + o);
                FloatVector q9 = FloatVector.fromArray(S, m, 9 * slab + o);
                FloatVector q10 = FloatVector.fromArray(S, m, 10 * slab + o);
                FloatVector q11 = FloatVector.fromArray(S, m, 11 * slab + o);
                FloatVector q12 = FloatVector.fromArray(S, m, 12 * slab + o);
                FloatVector q13 = FloatVector.fromArray(S, m, 13 * slab + o);
                FloatVector q14 = FloatVector.fromArray(S, m, 14 * slab + o);
                FloatVector q15 = FloatVector.fromArray(S, m, 15 * slab + o);
                FloatVector bv = FloatVector.fromArray(S, bias, co0 + c);
                // A^T q: two rows of four
                FloatVector r00 = q0.add(q4).add(q8), r01 = q1.add(q5).add(q9);
                FloatVector r02 = q2.add(q6).add(q10), r03 = q3.add(q7).add(q11);
                FloatVector r10 = q4.sub(q8).sub(q12), r11 = q5.sub(q9).sub(q13);
                FloatVector r12 = q6.sub(q10).sub(q14), r13 = q7.sub(q11).sub(q15);
                // (A^T q) A
                FloatVector y00 = r00.add(r01).add(r02).add(bv), y01 = r01.sub(r02).sub(r03).add(bv);
                FloatVector y10 = r10.add(r11).add(r12).add(bv), y11 = r11.sub(r12).sub(r13).add(bv);
                if (relu) {
                    y00 = y00.max(z);
                    y01 = y01.max(z);
                    y10 = y10.max(z);
                    y11 = y11.max(z);
                }
                int oc = co0 + c;
                y00.intoArray(out, ((b * oh + y0) * ow + xs) * cout + oc);
                if (xs + 1 < ow) {
                    y01.intoArray(out, ((b * oh + y0) * ow + xs + 1) * cout + oc);
                }
                if (y0 + 1 < oh) {
                    y10.intoArray(out, ((b * oh + y0 + 1) * ow + xs) * cout + oc);
                    if (xs + 1 < ow) {
                        y11.intoArray(out, ((b * oh + y0 + 1) * ow + xs + 1) * cout + oc);
                    }
                }
            }
        }
    }
}
