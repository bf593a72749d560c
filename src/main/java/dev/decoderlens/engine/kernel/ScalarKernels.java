package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.CancellationToken;
import java.util.List;

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
    /** Output rows per parallel task on layers with many rows. */
    static final int BAND = 4;

    protected ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void maxInto(float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] = Math.max(y[yo + i], x[xo + i]);
        }
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
        // Bands of a few rows per task when there are plenty of rows: kernels may then reuse input rows in cache.
        int band = job.rowTasks() / Math.max(1, job.batch()) >= 16 * Parallel.threads() ? BAND : 1;
        // Tasks ordered band-major across phases: the phases of a transposed convolution interleave in the output,
        // so running their same rows together writes each output region while it is in cache.
        List<ConvJob.Phase> phases = job.phases();
        int maxBands = 0, perItem = 0;
        for (ConvJob.Phase ph : phases) {
            maxBands = Math.max(maxBands, (ph.rows() + band - 1) / band);
            perItem += (ph.rows() + band - 1) / band;
        }
        int[] taskPhase = new int[perItem], taskBand = new int[perItem];
        for (int b = 0, k = 0; b < maxBands; b++) {
            for (int p = 0; p < phases.size(); p++) {
                if (b * band < phases.get(p).rows()) {
                    taskPhase[k] = p;
                    taskBand[k++] = b;
                }
            }
        }
        int bands = perItem;
        Parallel.forEach(job.batch() * bands, task -> {
            cancel.check();
            int n = task / bands, k = task % bands;
            ConvJob.Phase ph = phases.get(taskPhase[k]);
            int t0 = taskBand[k] * band, t1 = Math.min(ph.rows(), t0 + band);
            if (job.source() != null) {
                ConvJob w = BandWindows.window(job, ph, n, t0, t1);
                convolveRows(w, w.phases().get(0), 0, 0, t1 - t0);
            } else {
                convolveRows(job, ph, n, t0, t1);
            }
        });
    }

    /** Output rows [t0, t1) of one phase for batch item {@code n}. */
    protected void convolveRows(ConvJob job, ConvJob.Phase ph, int n, int t0, int t1) {
        for (int t = t0; t < t1; t++) {
            convolveRow(job, ph, n, t);
        }
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
                        int rowBase = ((g * blocks + b) * ph.taps() + tap) * f.cinG();
                        accumulate(job.in(), inBase, px, rows, rowBase, f.cinG(), acc, nb);
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
