package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.NB;
import static dev.decoderlens.engine.kernel.VectorTiles.S;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;

import dev.decoderlens.engine.op.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * Phases whose kernel is a 2x2 square of unit spacing, stride 1, by Winograd's minimal filtering F(2x2, 2x2): each
 * 2x2 block of a phase's output is computed from a 3x3 input patch with 9 multiplies per (input, output channel)
 * instead of 16. Such phases are what a 3x3 convolution after a 2x nearest upsampling folds into (four per layer,
 * see {@code UpsampledConv}) and what a kernel-4 stride-2 transposed convolution splits into. Per block:
 *
 * <pre>
 *   V = B^T d B (3x3 input patch)    B^T = [1 -1 0; 0 1 0; 0 -1 1]
 *   U = G g G^T (2x2 kernel, once)   G   = [1 0; 1 1; 0 1]
 *   M[xi] = sum over ci of V[xi][ci] * U[xi][ci][co]  (9 GEMMs)
 *   Y = A^T M A                      A^T = [1 1 0; 0 1 1]
 * </pre>
 *
 * The transforms only add and subtract, without scaling: y00 = m1 + m2 = (d0 - d1) g0 + d1 (g0 + g1) in one
 * dimension. Results differ from the direct sums in the last bits, as any reordering of a float sum does.
 *
 * <p>A task's rows are taken in pairs, each pair in segments of blocks whose 9 transformed slabs stay in L2; the 9
 * GEMMs run as {@link VectorWinograd}'s do ({@link VectorWinograd#gemms}) and the products of a chunk of output channels are turned back
 * into output pixels (at the phase's output positions, with bias and ReLU) while still in cache. Only the vector
 * kernel set has it: the plain-Java set runs these phases directly.
 */
final class VectorWinograd2x2 {
    /** Blocks per segment are chosen so that the 9 input slabs take about this many floats. */
    private static final int SLAB_FLOATS = 128 * 1024;
    /** The products of one chunk of output channels take at most about this many floats. */
    private static final int PRODUCT_FLOATS = 64 * 1024;
    /** {@code -Ddecoderlens.winograd=false} turns this off too, with F(2x2, 3x3). */
    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("decoderlens.winograd", "true"));

    private VectorWinograd2x2() {
    }

    /**
     * Where the 2x2 kernel of a phase lies: input pixel (t + dy0 + ky, u + dx0 + kx) for output (t, u), and for each
     * kernel position k = 2 * ky + kx the tap and the channel offset inside the tap (a folded tap holds the channels
     * of neighbouring pixels one after another) where its weights are.
     */
    record Square(int dy0, int dx0, int[] tap, int[] channel) {
    }

    /**
     * The square of a phase the vector set can run by F(2x2, 2x2), or null: groups 1, stride 1, channel counts that
     * fill vectors (in) and panels (out), and taps that cover a 2x2 square of unit spacing exactly once, either as
     * four taps or as two taps of two pixels each.
     */
    static Square square(ConvJob job, ConvJob.Phase ph) {
        FilterTaps f = ph.filter();
        int cin = job.cinG();
        if (!ENABLED || job.groups() != 1 || ph.strideH() != 1 || ph.strideW() != 1 || cin % VL != 0 || job.coutG() % NB != 0
                || f.coutG() != job.coutG() || ph.rows() < 2 || ph.cols() < 2) {
            return null;
        }
        int width = f.cinG() / cin; // pixels per tap
        if (f.cinG() != width * cin || ph.taps() * width != 4 || width > 2) {
            return null;
        }
        int dy0 = Integer.MAX_VALUE, dx0 = Integer.MAX_VALUE;
        for (int t = 0; t < ph.taps(); t++) {
            dy0 = Math.min(dy0, ph.dy()[t]);
            dx0 = Math.min(dx0, ph.dx()[t]);
        }
        int[] tap = {-1, -1, -1, -1}, channel = new int[4];
        for (int t = 0; t < ph.taps(); t++) {
            for (int p = 0; p < width; p++) {
                int ky = ph.dy()[t] - dy0, kx = ph.dx()[t] + p - dx0;
                if (ky > 1 || kx > 1 || tap[2 * ky + kx] >= 0) {
                    return null;
                }
                tap[2 * ky + kx] = t;
                channel[2 * ky + kx] = p * cin;
            }
        }
        return new Square(dy0, dx0, tap, channel);
    }

    /**
     * The transformed weights U = G g G^T of a square, in the {@link VectorTiles} panel layout [xi][block][ci][nb],
     * made once per filter and square.
     */
    static float[] panels(FilterTaps f, Square sq, int cin) {
        String key = "winograd2x2" + java.util.Arrays.toString(sq.tap()) + java.util.Arrays.toString(sq.channel());
        return f.derived(key, () -> {
            int cout = f.coutG(), blocks = cout / NB;
            float[] p = new float[9 * cin * cout];
            for (int ci = 0; ci < cin; ci++) {
                for (int co = 0; co < cout; co++) {
                    float g00 = weight(f, sq, 0, ci, co), g01 = weight(f, sq, 1, ci, co);
                    float g10 = weight(f, sq, 2, ci, co), g11 = weight(f, sq, 3, ci, co);
                    // G g: rows g0, g0 + g1, g1; then (G g) G^T: columns c0, c0 + c1, c1
                    float[] u = transformKernel(g00, g01, g10, g11);
                    for (int xi = 0; xi < 9; xi++) {
                        p[((xi * blocks + co / NB) * cin + ci) * NB + co % NB] = u[xi];
                    }
                }
            }
            return p;
        });
    }

    private static float weight(FilterTaps f, Square sq, int k, int ci, int co) {
        return f.get(0, sq.tap()[k], sq.channel()[k] + ci, co);
    }

    /** U = G g G^T for the 2x2 kernel [g00 g01; g10 g11], row-major 3x3. */
    static float[] transformKernel(float g00, float g01, float g10, float g11) {
        float s0 = g00 + g10, s1 = g01 + g11; // middle row of G g
        return new float[] {
            g00, g00 + g01, g01,
            s0, s0 + s1, s1,
            g10, g10 + g11, g11,
        };
    }

    /**
     * Output rows [t0, t0 + 2k) of the phase for batch item n, the largest even number of rows of [t0, t1); returns
     * the first row it did not compute (the caller runs an odd last row directly).
     */
    static int rows(ConvJob job, ConvJob.Phase ph, Square sq, int n, int t0, int t1) {
        int cin = job.cinG(), cout = job.coutG();
        float[] packed = panels(ph.filter(), sq, cin);
        int tw = (ph.cols() + 1) / 2;
        int seg = Math.min(tw, Math.max(VectorTiles.PIXELS, SLAB_FLOATS / (9 * cin)));
        int end = t0 + (t1 - t0) / 2 * 2;
        for (int t = t0; t < end; t += 2) {
            for (int b0 = 0; b0 < tw; b0 += seg) {
                segment(job, ph, sq, packed, n, t, b0, Math.min(seg, tw - b0), cin, cout);
            }
        }
        return end;
    }

    /** Blocks [b0, b0 + count) of the row pair (t, t + 1): input transform, 9 GEMMs, output transform. */
    private static void segment(ConvJob job, ConvJob.Phase ph, Square sq, float[] packed, int n, int t, int b0,
                                int count, int cin, int cout) {
        int blocks = cout / NB;
        int chunk = Math.max(1, Math.min(blocks, PRODUCT_FLOATS / (9 * count * NB)));
        int cb = chunk * NB;
        float[][] buffers = Winograd.buffers(9 * count * cin, 9 * count * cb);
        float[] v = buffers[0], m = buffers[1];
        transformInput(job, n, t + sq.dy0(), 2 * b0 + sq.dx0(), count, cin, v);
        boolean relu = job.act() == Activation.RELU;
        for (int c0 = 0; c0 < blocks; c0 += chunk) {
            int here = Math.min(chunk, blocks - c0);
            VectorWinograd.gemms(9, v, packed, m, count, cin, blocks, c0, here, cb);
            transformOutput(job, ph, m, count, cb, here * NB, c0 * NB, relu, n, t, 2 * b0);
        }
    }

    /**
     * v[xi][b][ci] = (B^T d B)[xi] for the patches of blocks b &lt; count: padded-input rows y0..y0+2, columns x0 + 2b
     * .. x0 + 2b + 2. A patch reaching past the right edge of the padded frame (an odd last column) is first copied,
     * with zeros for the missing column, into a patch of one vector per pixel; those zeros only reach outputs that
     * are not written.
     */
    private static void transformInput(ConvJob job, int n, int y0, int x0, int count, int cin, float[] v) {
        float[] in = job.in();
        int c = job.inC(), rowLen = job.inW() * c, slab = count * cin;
        float[] patch = null;
        for (int b = 0; b < count; b++) {
            int xs = x0 + 2 * b, o = b * cin;
            if (xs + 2 < job.inW()) {
                int first = job.inOffset(n, y0, xs);
                for (int ci = 0; ci < cin; ci += VL) {
                    transform(in, first + ci, rowLen, c, v, slab, o + ci);
                }
            } else {
                patch = patch != null ? patch : new float[9 * VL];
                for (int ci = 0; ci < cin; ci += VL) {
                    java.util.Arrays.fill(patch, 0f);
                    for (int r = 0; r < 3; r++) {
                        for (int s = 0; s < 3 && xs + s < job.inW(); s++) {
                            System.arraycopy(in, job.inOffset(n, y0 + r, xs + s) + ci, patch, (3 * r + s) * VL, VL);
                        }
                    }
                    transform(patch, 0, 3 * VL, VL, v, slab, o + ci);
                }
            }
        }
    }

    /** One vector of channels of one 3x3 patch at {@code src[p + r * rowStep + s * colStep]}: B^T d B into 9 slabs. */
    private static void transform(float[] src, int p, int rowStep, int colStep, float[] v, int slab, int o) {
        int p1 = p + rowStep, p2 = p1 + rowStep;
        FloatVector d00 = FloatVector.fromArray(S, src, p), d01 = FloatVector.fromArray(S, src, p + colStep);
        FloatVector d02 = FloatVector.fromArray(S, src, p + 2 * colStep);
        FloatVector d10 = FloatVector.fromArray(S, src, p1), d11 = FloatVector.fromArray(S, src, p1 + colStep);
        FloatVector d12 = FloatVector.fromArray(S, src, p1 + 2 * colStep);
        FloatVector d20 = FloatVector.fromArray(S, src, p2), d21 = FloatVector.fromArray(S, src, p2 + colStep);
        FloatVector d22 = FloatVector.fromArray(S, src, p2 + 2 * colStep);
        // B^T d: rows d0 - d1, d1, d2 - d1
        FloatVector e00 = d00.sub(d10), e01 = d01.sub(d11), e02 = d02.sub(d12);
        FloatVector e20 = d20.sub(d10), e21 = d21.sub(d11), e22 = d22.sub(d12);
        // (B^T d) B: columns e0 - e1, e1, e2 - e1
        e00.sub(e01).intoArray(v, o);
        e01.intoArray(v, slab + o);
        e02.sub(e01).intoArray(v, 2 * slab + o);
        d10.sub(d11).intoArray(v, 3 * slab + o);
        d11.intoArray(v, 4 * slab + o);
        d12.sub(d11).intoArray(v, 5 * slab + o);
        e20.sub(e21).intoArray(v, 6 * slab + o);
        e21.intoArray(v, 7 * slab + o);
        e22.sub(e21).intoArray(v, 8 * slab + o);
    }

    /**
     * Output blocks of the segment for channels [co0, co0 + width): Y = A^T M A + bias, ReLU when asked, written at
     * the phase's output pixels of rows t, t + 1 and columns u0 + 2b, u0 + 2b + 1 (where inside the phase).
     */
    private static void transformOutput(ConvJob job, ConvJob.Phase ph, float[] m, int count, int cb, int width, int co0,
                                        boolean relu, int n, int t, int u0) {
        FloatVector z = FloatVector.zero(S);
        float[] out = job.out(), bias = job.bias();
        int slab = count * cb, ostep = ph.stepW() * job.outC();
        int row0 = job.outOffset(n, ph.oy0() + t * ph.stepH(), ph.ox0());
        int row1 = job.outOffset(n, ph.oy0() + (t + 1) * ph.stepH(), ph.ox0());
        for (int b = 0; b < count; b++) {
            int u = u0 + 2 * b;
            boolean second = u + 1 < ph.cols();
            for (int c = 0; c < width; c += VL) {
                int o = b * cb + c;
                FloatVector q0 = FloatVector.fromArray(S, m, o), q1 = FloatVector.fromArray(S, m, slab + o);
                FloatVector q2 = FloatVector.fromArray(S, m, 2 * slab + o), q3 = FloatVector.fromArray(S, m, 3 * slab + o);
                FloatVector q4 = FloatVector.fromArray(S, m, 4 * slab + o), q5 = FloatVector.fromArray(S, m, 5 * slab + o);
                FloatVector q6 = FloatVector.fromArray(S, m, 6 * slab + o), q7 = FloatVector.fromArray(S, m, 7 * slab + o);
                FloatVector q8 = FloatVector.fromArray(S, m, 8 * slab + o);
                FloatVector bv = FloatVector.fromArray(S, bias, co0 + c);
                // A^T q: rows q0 + q1.. (first two rows summed), second and third summed
                FloatVector r00 = q0.add(q3), r01 = q1.add(q4), r02 = q2.add(q5);
                FloatVector r10 = q3.add(q6), r11 = q4.add(q7), r12 = q5.add(q8);
                FloatVector y00 = r00.add(r01).add(bv), y01 = r01.add(r02).add(bv);
                FloatVector y10 = r10.add(r11).add(bv), y11 = r11.add(r12).add(bv);
                if (relu) {
                    y00 = y00.max(z);
                    y01 = y01.max(z);
                    y10 = y10.max(z);
                    y11 = y11.max(z);
                }
                int oc = co0 + c;
                y00.intoArray(out, row0 + u * ostep + oc);
                y10.intoArray(out, row1 + u * ostep + oc);
                if (second) {
                    y01.intoArray(out, row0 + (u + 1) * ostep + oc);
                    y11.intoArray(out, row1 + (u + 1) * ostep + oc);
                }
            }
        }
    }
}
