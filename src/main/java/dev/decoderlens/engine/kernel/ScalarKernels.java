package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.CancellationToken;

/**
 * The plain-Java kernels: the documented reference behaviour, always available.
 *
 * <p>Convolution is an implicit GEMM over the padded NHWC input: for a block of {@value #SCALAR_PIXELS} output pixels and a
 * block of up to {@value #SCALAR_BLOCK} output channels, the accumulators live in small arrays and the inner loop runs over
 * output channels with the same index into weights and accumulators, a form C2 auto-vectorises. Rows of output are
 * the unit of parallel work.
 */
public class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    /** Output channels per block in the scalar kernel. */
    static final int SCALAR_BLOCK = 256;
    /** Output pixels per micro-tile in the scalar kernel. */
    static final int SCALAR_PIXELS = 4;

    protected ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void prepare(FilterTaps filter) {
        filter.rows(scalarBlock(filter.coutG()));
    }

    /** Narrow layers get a block as wide as they are: no work on padding channels. */
    static int scalarBlock(int coutG) {
        return Math.min(SCALAR_BLOCK, coutG);
    }

    @Override
    public final void convolve(ConvJob job, CancellationToken cancel) {
        int perItem = job.rowTasks() / Math.max(1, job.batch());
        Parallel.forEach(job.rowTasks(), task -> {
            cancel.check();
            int n = task / perItem;
            int r = task % perItem;
            for (ConvJob.Phase ph : job.phases()) {
                if (r < ph.rows()) {
                    convolveRow(job, ph, n, r);
                    return;
                }
                r -= ph.rows();
            }
        });
    }

    /** Computes output row {@code t} of one phase for batch item {@code n}: all columns, groups and channels. */
    protected void convolveRow(ConvJob job, ConvJob.Phase ph, int n, int t) {
        FilterTaps f = ph.filter();
        int nb = scalarBlock(f.coutG());
        float[][] rows = f.rows(nb);
        int blocks = f.blocks(nb);
        float[][] acc = new float[SCALAR_PIXELS][nb];
        int[] inBase = new int[SCALAR_PIXELS];
        for (int g = 0; g < job.groups(); g++) {
            for (int b = 0; b < blocks; b++) {
                int co0 = g * job.coutG() + b * nb;
                int width = Math.min(nb, job.coutG() - b * nb);
                for (int u0 = 0; u0 < ph.cols(); u0 += SCALAR_PIXELS) {
                    int px = Math.min(SCALAR_PIXELS, ph.cols() - u0);
                    for (int p = 0; p < px; p++) {
                        System.arraycopy(job.bias(), co0, acc[p], 0, width);
                    }
                    for (int tap = 0; tap < ph.taps(); tap++) {
                        int y = t * ph.strideH() + ph.dy()[tap];
                        for (int p = 0; p < px; p++) {
                            inBase[p] = job.inOffset(n, y, (u0 + p) * ph.strideW() + ph.dx()[tap]) + g * job.cinG();
                        }
                        int rowBase = ((g * blocks + b) * ph.taps() + tap) * job.cinG();
                        accumulate(job.in(), inBase, px, rows, rowBase, job.cinG(), acc, nb);
                    }
                    for (int p = 0; p < px; p++) {
                        int o = job.outOffset(n, ph.oy0() + t * ph.stepH(), ph.ox0() + (u0 + p) * ph.stepW()) + co0;
                        System.arraycopy(acc[p], 0, job.out(), o, width);
                        job.act().applyInPlace(job.out(), o, o + width);
                    }
                }
            }
        }
    }

    /** acc[p][j] += sum over ci of in[inBase[p] + ci] * rows[rowBase + ci][j]. */
    private static void accumulate(float[] in, int[] inBase, int px, float[][] rows, int rowBase, int cin,
                                   float[][] acc, int nb) {
        for (int ci = 0; ci < cin; ci++) {
            float[] w = rows[rowBase + ci];
            for (int p = 0; p < px; p++) {
                float a = in[inBase[p] + ci];
                float[] s = acc[p];
                for (int j = 0; j < nb; j++) {
                    s[j] = Math.fma(a, w[j], s[j]);
                }
            }
        }
    }
}
