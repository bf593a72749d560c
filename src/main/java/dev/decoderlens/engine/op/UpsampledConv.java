package dev.decoderlens.engine.op;

import dev.decoderlens.engine.kernel.ConvJob;
import dev.decoderlens.engine.kernel.FilterTaps;
import dev.decoderlens.engine.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * A stride-1 convolution (groups 1, no dilation) of an image upsampled by whole factors with nearest neighbours,
 * computed on the image before upsampling. Output row y reads upsampled rows y - p + ky, which are input rows
 * floor((y - p + ky) / f): for the f output rows of one residue a = (y - p) mod f the kernel rows that land on the
 * same input row can be summed once, here. A 3x3 kernel after a 2x upsampling becomes four 2x2 kernels, one per
 * output phase: 4/9 of the multiply-adds, and a quarter of the input read. Zero padding of the upsampled image is
 * zero padding of the small one (a row above the image stays above it), so the borders need nothing special.
 *
 * <p>Summing the weights first rounds differently from summing the products: results differ from the
 * upsample-then-convolve order in the last bits, as any reordering of a float sum does.
 */
final class UpsampledConv {
    /** One axis: the output offsets o0 + t*f (t &lt; rows) read input t + m0 + d, with kernel indices of d. */
    record AxisPhase(int o0, int rows, int m0, int[][] kernelByOffset) {
        int offsets() {
            return kernelByOffset.length;
        }
    }

    /** The phases of one axis: input size {@code in}, factor f, kernel k, padding before p, output size out. */
    static List<AxisPhase> axisPhases(int out, int f, int k, int p) {
        List<AxisPhase> phases = new ArrayList<>();
        for (int o0 = 0; o0 < Math.min(f, out); o0++) {
            int m0 = Math.floorDiv(o0 - p, f), a = Math.floorMod(o0 - p, f);
            int offsets = Math.floorDiv(a + k - 1, f) + 1;
            int[][] byOffset = new int[offsets][];
            for (int d = 0; d < offsets; d++) {
                int dd = d;
                byOffset[d] = java.util.stream.IntStream.range(0, k).filter(i -> Math.floorDiv(a + i, f) == dd).toArray();
            }
            phases.add(new AxisPhase(o0, (out - o0 + f - 1) / f, m0, byOffset));
        }
        return phases;
    }

    /**
     * The filter of phase (ph, pw), taps of each kernel row folded (offset dx, ci contiguous, as {@link Conv2D}
     * folds them). Weights OIHW (cout, cin, kh, kw).
     */
    static FilterTaps filter(float[] w, int cout, int cin, int kh, int kw, AxisPhase ph, AxisPhase pw) {
        int rows = ph.offsets(), cols = pw.offsets();
        float[] canon = new float[rows * cols * cin * cout];
        for (int dy = 0; dy < rows; dy++) {
            for (int dx = 0; dx < cols; dx++) {
                for (int ci = 0; ci < cin; ci++) {
                    for (int co = 0; co < cout; co++) {
                        float sum = 0;
                        for (int ky : ph.kernelByOffset()[dy]) {
                            for (int kx : pw.kernelByOffset()[dx]) {
                                sum += w[((co * cin + ci) * kh + ky) * kw + kx];
                            }
                        }
                        canon[(((dy * cols + dx) * cin) + ci) * cout + co] = sum;
                    }
                }
            }
        }
        FilterTaps filter = new FilterTaps(1, rows, cols * cin, cout, canon);
        Kernels.get().prepare(filter);
        return filter;
    }

    /** The padding the small input needs before and after for these phases of an axis of {@code in} pixels. */
    static int[] padding(List<AxisPhase> phases, int in) {
        int before = 0, after = 0;
        for (AxisPhase p : phases) {
            before = Math.max(before, -p.m0());
            after = Math.max(after, (p.rows() - 1) + p.m0() + p.offsets() - 1 - (in - 1));
        }
        return new int[] {before, after};
    }

    /** The kernels' phase for (ph, pw) on a frame padded by (top, left). */
    static ConvJob.Phase phase(AxisPhase ph, AxisPhase pw, int fh, int fw, int top, int left, FilterTaps filter) {
        int[] dy = new int[ph.offsets()], dx = new int[ph.offsets()];
        for (int d = 0; d < dy.length; d++) {
            dy[d] = top + ph.m0() + d;
            dx[d] = left + pw.m0();
        }
        return new ConvJob.Phase(ph.o0(), pw.o0(), ph.rows(), pw.rows(), 1, 1, fh, fw, dy, dx, filter);
    }

    private UpsampledConv() {
    }
}
