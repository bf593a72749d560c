package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.NB;
import static dev.decoderlens.engine.kernel.VectorTiles.S;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.op.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * 3x3 stride-1 convolutions by Winograd's minimal filtering F(2x2, 3x3) (Lavin and Gray, 2015): each 2x2 block of
 * output is computed from a 4x4 input patch with 16 multiplies per (input, output channel) instead of 36, so the
 * GEMM work is 4/9 of the direct convolution's. Per output block:
 *
 * <pre>
 *   V = B^T d B (input patch, per input channel)     B^T = [1 0 -1 0; 0 1 1 0; 0 -1 1 0; 0 1 0 -1]
 *   U = G g G^T (3x3 kernel, once, at construction)  G   = [1 0 0; 1/2 1/2 1/2; 1/2 -1/2 1/2; 0 0 1]
 *   M[xi] = sum over ci of V[xi][ci] * U[xi][ci][co]  (16 independent GEMMs, xi = 4*row + column)
 *   Y = A^T M A                                      A^T = [1 1 1 0; 0 1 -1 -1]
 * </pre>
 *
 * The transforms only add and subtract, and the weights are scaled by halves: results differ from the direct sum
 * in the last bits (as any reordering of a float sum does), within a few units in the 6th significant digit here.
 *
 * <p>Work goes by segments of one row of blocks: the segment's 16 transformed slabs (blocks x input channels) sit in
 * a per-thread buffer that fits in L2, the GEMMs run on the {@link VectorTiles} micro-kernel (a slab is a row of
 * "pixels" with Cin channels, U[xi] a 1-tap filter panel), and the 16 products of a chunk of output channels are
 * turned back into output pixels while still in cache. Only layers whose channel counts fill whole vectors and
 * panels take this path; the rest keep the direct kernels.
 */
public final class Winograd {
    /** Blocks per segment are chosen so that the 16 input slabs take about this many floats. */
    private static final int SLAB_FLOATS = 128 * 1024;
    /** The product buffer of one chunk of output channels takes at most about this many floats. */
    private static final int PRODUCT_FLOATS = 64 * 1024;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][0]);

    private Winograd() {
    }

    /** Transformed weights U, packed per xi as {@link VectorTiles} panels: [xi][block][ci][NB]. */
    public static final class Filter {
        final int cin;
        final int cout;
        final float[] packed;

        private Filter(int cin, int cout, float[] packed) {
            this.cin = cin;
            this.cout = cout;
            this.packed = packed;
        }

        int blocks() {
            return cout / NB;
        }
    }

    /**
     * The transformed filter of a 3x3 convolution with weights OIHW (cout, cin, 3, 3), or null when its channel
     * counts do not fill whole vectors (cin) and panels (cout), or the vector kernels are not in use.
     */
    public static Filter filter(float[] oihw, int cout, int cin) {
        if (!(Kernels.get() instanceof VectorKernels) || cin % VL != 0 || cout % NB != 0 || cin < VL
                || !Boolean.parseBoolean(System.getProperty("decoderlens.winograd", "true"))) {
            return null;
        }
        return transformed(oihw, cout, cin);
    }

    /** The transformed filter, whatever the kernel set (the warm-up runs before the kernel set is chosen). */
    static Filter transformed(float[] oihw, int cout, int cin) {
        int blocks = cout / NB;
        float[] packed = new float[16 * cin * cout];
        float[] g = new float[9];
        float[] u = new float[16];
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                System.arraycopy(oihw, (co * cin + ci) * 9, g, 0, 9);
                transformKernel(g, u);
                for (int xi = 0; xi < 16; xi++) {
                    packed[((xi * blocks + co / NB) * cin + ci) * NB + co % NB] = u[xi];
                }
            }
        }
        return new Filter(cin, cout, packed);
    }

    /** u = G g G^T for one 3x3 kernel g (row-major), u 4x4 row-major. */
    static void transformKernel(float[] g, float[] u) {
        float[] t = new float[12]; // G g: 4 x 3
        for (int c = 0; c < 3; c++) {
            float g0 = g[c], g1 = g[3 + c], g2 = g[6 + c];
            t[c] = g0;
            t[3 + c] = 0.5f * (g0 + g1 + g2);
            t[6 + c] = 0.5f * (g0 - g1 + g2);
            t[9 + c] = g2;
        }
        for (int r = 0; r < 4; r++) {
            float a = t[3 * r], b = t[3 * r + 1], c = t[3 * r + 2];
            u[4 * r] = a;
            u[4 * r + 1] = 0.5f * (a + b + c);
            u[4 * r + 2] = 0.5f * (a - b + c);
            u[4 * r + 3] = c;
        }
    }

    /**
     * out (n, oh, ow, cout) NHWC = act(bias + 3x3 convolution of x (n, h, w, cin) NHWC zero-padded by (top, left)),
     * every output value written.
     */
    public record Job(Filter f, float[] x, int n, int h, int w, int top, int left, float[] out, int oh, int ow,
                      float[] bias, Activation act) {
        public Job {
            if (x.length < (long) n * h * w * f.cin || out.length != (long) n * oh * ow * f.cout || bias.length != f.cout) {
                throw new IllegalArgumentException("buffer sizes do not match the Winograd job");
            }
        }
    }

    static void convolve(Job job, CancellationToken cancel) {
        Plan plan = new Plan(job);
        Parallel.forEach(plan.tasks(), task -> {
            cancel.check();
            plan.run(task);
        });
    }

    /** On the calling thread only: for the JIT warm-up, which must not take the pool from real work. */
    static void convolveInline(Job job) {
        Plan plan = new Plan(job);
        for (int task = 0; task < plan.tasks(); task++) {
            plan.run(task);
        }
    }

    /**
     * The split of a job into tasks: one segment of one row of 2x2 output blocks each. Segments are as wide as keeps
     * the 16 input slabs near {@link #SLAB_FLOATS}; output channels go in chunks whose products fit in
     * {@link #PRODUCT_FLOATS}.
     */
    private static final class Plan {
        private final Job job;
        private final int th;
        private final int tw;
        private final int seg;
        private final int segments;
        private final int chunk;

        Plan(Job job) {
            this.job = job;
            this.th = (job.oh() + 1) / 2;
            this.tw = (job.ow() + 1) / 2;
            this.seg = Math.min(tw, Math.max(VectorTiles.PIXELS, SLAB_FLOATS / (16 * job.f().cin)));
            this.segments = (tw + seg - 1) / seg;
            this.chunk = Math.max(1, Math.min(job.f().blocks(), PRODUCT_FLOATS / (16 * seg * NB)));
        }

        int tasks() {
            return job.n() * th * segments;
        }

        void run(int task) {
            int s = task % segments, ty = (task / segments) % th, b = task / segments / th;
            int tx0 = s * seg, count = Math.min(seg, tw - tx0);
            segment(job.f(), job.x(), b, job.h(), job.w(), job.top(), job.left(), job.out(), job.oh(), job.ow(),
                    job.bias(), job.act(), ty, tx0, count, chunk);
        }
    }

    private static float[] buffer(int which, int size) {
        float[][] held = BUFFERS.get();
        if (held[which].length < size) {
            held[which] = new float[size];
        }
        return held[which];
    }

    private static void segment(Filter f, float[] x, int b, int h, int w, int top, int left, float[] out, int oh,
                                int ow, float[] bias, Activation act, int ty, int tx0, int count, int chunk) {
        int cin = f.cin, cout = f.cout;
        float[] v = buffer(0, 16 * count * cin);
        transformInput(x, b, h, w, cin, 2 * ty - top, 2 * tx0 - left, count, v);
        int cb = chunk * NB;
        float[] m = buffer(1, 16 * count * cb);
        float[] zeros = new float[NB];
        int[] base = new int[1];
        boolean relu = act == Activation.RELU;
        for (int b0 = 0; b0 < f.blocks(); b0 += chunk) {
            int blocksHere = Math.min(chunk, f.blocks() - b0);
            for (int xi = 0; xi < 16; xi++) {
                for (int k = 0; k < blocksHere; k++) {
                    int wo = ((xi * f.blocks() + b0 + k) * cin) * NB;
                    int mo = xi * count * cb + k * NB;
                    int tiles = VectorKernels.tiles(count, VectorTiles.PIXELS);
                    for (int i = 0; i < tiles; i++) {
                        int u0 = VectorKernels.tileStart(i, count, VectorTiles.PIXELS);
                        base[0] = (xi * count + u0) * cin;
                        if (VectorKernels.tileWidth(count, VectorTiles.PIXELS) == VectorTiles.PIXELS) {
                            VectorTiles.tile8(v, base, cin, cin, f.packed, wo, zeros, 0, m, mo + u0 * cb, cb, false);
                        } else {
                            VectorTiles.tile1(v, base, cin, f.packed, wo, zeros, 0, m, mo + u0 * cb, false);
                        }
                    }
                }
            }
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
     * v[xi][t][ci] = (B^T d B)[xi] for the patches of blocks t &lt; count: input rows y0..y0+3, columns x0 + 2t ..
     * x0 + 2t + 3 (outside the image: zero).
     */
    private static void transformInput(float[] x, int b, int h, int w, int cin, int y0, int x0, int count, float[] v) {
        FloatVector z = FloatVector.zero(S);
        int rowLen = w * cin, slab = count * cin;
        for (int t = 0; t < count; t++) {
            int xs = x0 + 2 * t;
            for (int c = 0; c < cin; c += VL) {
                // d[r][s], r, s < 4 (zero outside the image), then B^T d B; locals, not an array: C2 keeps them in registers
                int o0 = (b * h + y0 + 0) * rowLen + c;
                boolean in0 = y0 + 0 >= 0 && y0 + 0 < h;
                int o1 = (b * h + y0 + 1) * rowLen + c;
                boolean in1 = y0 + 1 >= 0 && y0 + 1 < h;
                int o2 = (b * h + y0 + 2) * rowLen + c;
                boolean in2 = y0 + 2 >= 0 && y0 + 2 < h;
                int o3 = (b * h + y0 + 3) * rowLen + c;
                boolean in3 = y0 + 3 >= 0 && y0 + 3 < h;
                boolean col0 = xs + 0 >= 0 && xs + 0 < w;
                boolean col1 = xs + 1 >= 0 && xs + 1 < w;
                boolean col2 = xs + 2 >= 0 && xs + 2 < w;
                boolean col3 = xs + 3 >= 0 && xs + 3 < w;
                FloatVector d00 = in0 && col0 ? FloatVector.fromArray(S, x, o0 + (xs + 0) * cin) : z;
                FloatVector d01 = in0 && col1 ? FloatVector.fromArray(S, x, o0 + (xs + 1) * cin) : z;
                FloatVector d02 = in0 && col2 ? FloatVector.fromArray(S, x, o0 + (xs + 2) * cin) : z;
                FloatVector d03 = in0 && col3 ? FloatVector.fromArray(S, x, o0 + (xs + 3) * cin) : z;
                FloatVector d10 = in1 && col0 ? FloatVector.fromArray(S, x, o1 + (xs + 0) * cin) : z;
                FloatVector d11 = in1 && col1 ? FloatVector.fromArray(S, x, o1 + (xs + 1) * cin) : z;
                FloatVector d12 = in1 && col2 ? FloatVector.fromArray(S, x, o1 + (xs + 2) * cin) : z;
                FloatVector d13 = in1 && col3 ? FloatVector.fromArray(S, x, o1 + (xs + 3) * cin) : z;
                FloatVector d20 = in2 && col0 ? FloatVector.fromArray(S, x, o2 + (xs + 0) * cin) : z;
                FloatVector d21 = in2 && col1 ? FloatVector.fromArray(S, x, o2 + (xs + 1) * cin) : z;
                FloatVector d22 = in2 && col2 ? FloatVector.fromArray(S, x, o2 + (xs + 2) * cin) : z;
                FloatVector d23 = in2 && col3 ? FloatVector.fromArray(S, x, o2 + (xs + 3) * cin) : z;
                FloatVector d30 = in3 && col0 ? FloatVector.fromArray(S, x, o3 + (xs + 0) * cin) : z;
                FloatVector d31 = in3 && col1 ? FloatVector.fromArray(S, x, o3 + (xs + 1) * cin) : z;
                FloatVector d32 = in3 && col2 ? FloatVector.fromArray(S, x, o3 + (xs + 2) * cin) : z;
                FloatVector d33 = in3 && col3 ? FloatVector.fromArray(S, x, o3 + (xs + 3) * cin) : z;
                FloatVector e00 = d00.sub(d20), e10 = d10.add(d20), e20 = d20.sub(d10), e30 = d10.sub(d30);
                FloatVector e01 = d01.sub(d21), e11 = d11.add(d21), e21 = d21.sub(d11), e31 = d11.sub(d31);
                FloatVector e02 = d02.sub(d22), e12 = d12.add(d22), e22 = d22.sub(d12), e32 = d12.sub(d32);
                FloatVector e03 = d03.sub(d23), e13 = d13.add(d23), e23 = d23.sub(d13), e33 = d13.sub(d33);
                int o = t * cin + c;
                e00.sub(e02).intoArray(v, 0 * slab + o);
                e01.add(e02).intoArray(v, 1 * slab + o);
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
        }
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
