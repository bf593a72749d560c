package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.CancellationToken;
import java.util.List;

/**
 * The plain-Java kernels: the documented reference behaviour, always available.
 *
 * <p>Convolution is an implicit GEMM over the padded NHWC input: {@value #SCALAR_PIXELS} output pixels x 4 output
 * channels at a time, the sixteen sums in local variables (registers) over every tap and input channel. Rows of
 * output are the unit of parallel work.
 */
public class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    /**
     * Output channels per weight block in the scalar kernel: one quad, so that a quad's weights lie one after another
     * in (tap, ci) order and stream through the cache.
     */
    static final int SCALAR_BLOCK = 4;
    /** Output channels per block in the wide form. */
    static final int WIDE_BLOCK = 256;
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
    public boolean winograd(Winograd.Job job, CancellationToken cancel) {
        Winograd.convolve(job, cancel, ScalarWinograd::segment);
        return true;
    }

    @Override
    public void prepare(FilterTaps filter) {
        if (wide(filter)) {
            filter.rows(Math.min(WIDE_BLOCK, filter.coutG()));
        } else {
            filter.blocked(scalarBlock(filter.coutG()));
        }
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
        if (wide(ph.filter())) {
            wideRow(job, ph, n, t);
        } else {
            quadRow(job, ph, n, t);
        }
    }

    /**
     * Which of two plain-Java forms a layer takes. With many output channels, sums kept in arrays and an inner loop
     * over {@value #WIDE_BLOCK} channels, which C2 turns into vector instructions (measured: the 3x3 128 -> 256
     * benchmark layer 240 ms against 390 ms in the register form). With few, that loop is too short for C2 to
     * vectorise, and sixteen sums in registers are faster (the 2x2 transposed convolution 128 -> 64: 190 ms
     * against 260 ms).
     */
    static boolean wide(FilterTaps f) {
        return f.coutG() >= WIDE_BLOCK / 2;
    }

    /** The register form: {@link #quad}s of 4 pixels x 4 channels. */
    private static void quadRow(ConvJob job, ConvJob.Phase ph, int n, int t) {
        FilterTaps f = ph.filter();
        int nb = scalarBlock(f.coutG()), blocks = f.blocks(nb), taps = ph.taps(), cin = f.cinG();
        float[] w = f.blocked(nb);
        int[] base = new int[SCALAR_PIXELS * Math.max(1, taps)];
        int ostep = ph.stepW() * job.outC();
        int outRow = job.outOffset(n, ph.oy0() + t * ph.stepH(), ph.ox0());
        for (int g = 0; g < job.groups(); g++) {
            for (int b = 0; b < blocks; b++) {
                int co0 = g * job.coutG() + b * nb;
                int width = Math.min(nb, job.coutG() - b * nb);
                int wBlock = (g * blocks + b) * taps * cin * nb;
                for (int u0 = 0; u0 < ph.cols(); u0 += SCALAR_PIXELS) {
                    int px = Math.min(SCALAR_PIXELS, ph.cols() - u0);
                    for (int p = 0; p < SCALAR_PIXELS; p++) {
                        int u = u0 + Math.min(p, px - 1); // a short tile repeats its last pixel, written once
                        for (int tap = 0; tap < taps; tap++) {
                            base[p * taps + tap] = job.inOffset(n, t * ph.strideH() + ph.dy()[tap],
                                    u * ph.strideW() + ph.dx()[tap]) + g * job.cinG();
                        }
                    }
                    int o = outRow + u0 * ostep + co0;
                    int j = 0;
                    for (; j + 4 <= width; j += 4) {
                        quad(job.in(), base, taps, cin, w, wBlock + j, nb, job.bias(), co0 + j, job.out(), o + j, ostep, px);
                    }
                    for (; j < width; j++) {
                        single(job.in(), base, taps, cin, w, wBlock + j, nb, job.bias(), co0 + j, job.out(), o + j, ostep, px);
                    }
                    for (int p = 0; p < px; p++) {
                        job.act().applyInPlace(job.out(), o + p * ostep, o + p * ostep + width);
                    }
                }
            }
        }
    }

    /**
     * Four pixels x four output channels, the sixteen sums in local variables over every (tap, ci): C2 keeps them in
     * registers. (Accumulating into arrays instead made every multiply-add a load and a store, and C2 does not
     * vectorise that loop because the weights and the sums are two arrays that might alias.) Each sum runs from the
     * bias over taps, then input channels, in order.
     */
    private static void quad(float[] in, int[] base, int taps, int cin, float[] w, int wo, int nb, float[] bias, int co,
                             float[] out, int o, int ostep, int px) {
        float b0 = bias[co], b1 = bias[co + 1], b2 = bias[co + 2], b3 = bias[co + 3];
        float a00 = b0, a01 = b1, a02 = b2, a03 = b3, a10 = b0, a11 = b1, a12 = b2, a13 = b3;
        float a20 = b0, a21 = b1, a22 = b2, a23 = b3, a30 = b0, a31 = b1, a32 = b2, a33 = b3;
        for (int tap = 0; tap < taps; tap++) {
            int i0 = base[tap], i1 = base[taps + tap], i2 = base[2 * taps + tap], i3 = base[3 * taps + tap];
            int k = wo + tap * cin * nb;
            for (int ci = 0; ci < cin; ci++, k += nb) {
                float w0 = w[k], w1 = w[k + 1], w2 = w[k + 2], w3 = w[k + 3];
                float x0 = in[i0 + ci], x1 = in[i1 + ci], x2 = in[i2 + ci], x3 = in[i3 + ci];
                a00 = Math.fma(x0, w0, a00);
                a01 = Math.fma(x0, w1, a01);
                a02 = Math.fma(x0, w2, a02);
                a03 = Math.fma(x0, w3, a03);
                a10 = Math.fma(x1, w0, a10);
                a11 = Math.fma(x1, w1, a11);
                a12 = Math.fma(x1, w2, a12);
                a13 = Math.fma(x1, w3, a13);
                a20 = Math.fma(x2, w0, a20);
                a21 = Math.fma(x2, w1, a21);
                a22 = Math.fma(x2, w2, a22);
                a23 = Math.fma(x2, w3, a23);
                a30 = Math.fma(x3, w0, a30);
                a31 = Math.fma(x3, w1, a31);
                a32 = Math.fma(x3, w2, a32);
                a33 = Math.fma(x3, w3, a33);
            }
        }
        store4(out, o, a00, a01, a02, a03);
        if (px > 1) {
            store4(out, o + ostep, a10, a11, a12, a13);
        }
        if (px > 2) {
            store4(out, o + 2 * ostep, a20, a21, a22, a23);
        }
        if (px > 3) {
            store4(out, o + 3 * ostep, a30, a31, a32, a33);
        }
    }

    private static void store4(float[] out, int o, float v0, float v1, float v2, float v3) {
        out[o] = v0;
        out[o + 1] = v1;
        out[o + 2] = v2;
        out[o + 3] = v3;
    }

    /** One output channel of four pixels: the channels left over after the quads. Same order of sums. */
    private static void single(float[] in, int[] base, int taps, int cin, float[] w, int wo, int nb, float[] bias, int co,
                               float[] out, int o, int ostep, int px) {
        float a0 = bias[co], a1 = a0, a2 = a0, a3 = a0;
        for (int tap = 0; tap < taps; tap++) {
            int i0 = base[tap], i1 = base[taps + tap], i2 = base[2 * taps + tap], i3 = base[3 * taps + tap];
            int k = wo + tap * cin * nb;
            for (int ci = 0; ci < cin; ci++, k += nb) {
                float wv = w[k];
                a0 = Math.fma(in[i0 + ci], wv, a0);
                a1 = Math.fma(in[i1 + ci], wv, a1);
                a2 = Math.fma(in[i2 + ci], wv, a2);
                a3 = Math.fma(in[i3 + ci], wv, a3);
            }
        }
        float[] v = {a0, a1, a2, a3};
        for (int p = 0; p < px; p++) {
            out[o + p * ostep] = v[p];
        }
    }

    /** The wide form: accumulators in arrays of up to {@value #WIDE_BLOCK} channels. */
    private static void wideRow(ConvJob job, ConvJob.Phase ph, int n, int t) {
        FilterTaps f = ph.filter();
        int nb = Math.min(WIDE_BLOCK, f.coutG());
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
