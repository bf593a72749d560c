package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.op.Activation;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;

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
 * a per-thread buffer that fits in L2, the 16 GEMMs run on them, and the products of a chunk of output channels are
 * turned back into output pixels while still in cache. {@link VectorWinograd} does a segment with the Vector API
 * (for channel counts that fill whole vectors and panels; other layers keep the direct vector kernels),
 * {@link ScalarWinograd} in plain Java, so the fallback does the same 4/9 of the work.
 */
public final class Winograd {
    /** Blocks per segment are chosen so that the 16 input slabs take about this many floats. */
    private static final int SLAB_FLOATS = 128 * 1024;
    /** Per thread: the input slabs and the products of one segment. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[2][0]);
    /** Tile width of the vector GEMM: segments are at least this wide. */
    static final int MIN_SEGMENT = 8;

    private Winograd() {
    }

    /** Transformed weights U, [xi][ci][co], with the packings each kernel set reads, made on first use. */
    public static final class Filter {
        final int cin;
        final int cout;
        final float[] u;
        private final Map<Integer, float[]> panels = new ConcurrentHashMap<>();
        private volatile float[][] rows;

        private Filter(int cin, int cout, float[] u) {
            this.cin = cin;
            this.cout = cout;
            this.u = u;
        }

        /** [xi][block][ci][nb]: the {@link VectorTiles} panel layout, one 1-tap filter per xi (cout % nb == 0). */
        float[] panels(int nb) {
            return panels.computeIfAbsent(nb, k -> {
                int blocks = cout / nb;
                float[] p = new float[u.length];
                for (int xi = 0; xi < 16; xi++) {
                    for (int ci = 0; ci < cin; ci++) {
                        for (int co = 0; co < cout; co++) {
                            p[((xi * blocks + co / nb) * cin + ci) * nb + co % nb] = u[(xi * cin + ci) * cout + co];
                        }
                    }
                }
                return p;
            });
        }

        /** Row (xi, ci) as an array of cout weights: the plain kernels' loops then run from index 0. */
        float[][] rows() {
            float[][] r = rows;
            if (r == null) {
                r = new float[16 * cin][];
                for (int i = 0; i < r.length; i++) {
                    r[i] = java.util.Arrays.copyOfRange(u, i * cout, (i + 1) * cout);
                }
                rows = r;
            }
            return r;
        }
    }

    /**
     * The transformed filter of a 3x3 convolution with weights OIHW (cout, cin, 3, 3), or null when the layer is too
     * narrow for the transforms to pay (fewer than 8 channels in or out) or {@code -Ddecoderlens.winograd=false}.
     */
    public static Filter filter(float[] oihw, int cout, int cin) {
        if (cin < 8 || cout < 8 || !Boolean.parseBoolean(System.getProperty("decoderlens.winograd", "true"))) {
            return null;
        }
        float[] u = new float[16 * cin * cout];
        float[] g = new float[9];
        float[] t = new float[16];
        for (int co = 0; co < cout; co++) {
            for (int ci = 0; ci < cin; ci++) {
                System.arraycopy(oihw, (co * cin + ci) * 9, g, 0, 9);
                transformKernel(g, t);
                for (int xi = 0; xi < 16; xi++) {
                    u[(xi * cin + ci) * cout + co] = t[xi];
                }
            }
        }
        return new Filter(cin, cout, u);
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

    /** What one kernel set does with one segment: blocks [tx0, tx0 + count) of block row ty of batch item b. */
    interface SegmentKernel {
        void segment(Job job, int b, int ty, int tx0, int count);
    }

    static void convolve(Job job, CancellationToken cancel, SegmentKernel kernel) {
        Plan plan = new Plan(job, kernel);
        Parallel.forEach(plan.tasks(), task -> {
            cancel.check();
            plan.run(task);
        });
    }

    /** On the calling thread only: for the JIT warm-up, which must not take the pool from real work. */
    static void convolveInline(Job job, SegmentKernel kernel) {
        Plan plan = new Plan(job, kernel);
        for (int task = 0; task < plan.tasks(); task++) {
            plan.run(task);
        }
    }

    /**
     * The split of a job into tasks: one segment of one row of 2x2 output blocks each, as wide as keeps the 16 input
     * slabs near {@link #SLAB_FLOATS}.
     */
    private static final class Plan {
        private final Job job;
        private final SegmentKernel kernel;
        private final int th;
        private final int tw;
        private final int seg;
        private final int segments;

        Plan(Job job, SegmentKernel kernel) {
            this.job = job;
            this.kernel = kernel;
            this.th = (job.oh() + 1) / 2;
            this.tw = (job.ow() + 1) / 2;
            this.seg = Math.min(tw, Math.max(MIN_SEGMENT, SLAB_FLOATS / (16 * job.f().cin)));
            this.segments = (tw + seg - 1) / seg;
        }

        int tasks() {
            return job.n() * th * segments;
        }

        void run(int task) {
            int s = task % segments, ty = (task / segments) % th, b = task / segments / th;
            int tx0 = s * seg, count = Math.min(seg, tw - tx0);
            kernel.segment(job, b, ty, tx0, count);
        }
    }

    /** This thread's buffers for a segment, of at least these sizes (slabs, products), kept for its next one. */
    static float[][] buffers(int slabs, int products) {
        float[][] held = BUFFERS.get();
        if (held[0].length < slabs) {
            held[0] = new float[slabs];
        }
        if (held[1].length < products) {
            held[1] = new float[products];
        }
        return held;
    }
}
