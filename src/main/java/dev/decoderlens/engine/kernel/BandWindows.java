package dev.decoderlens.engine.kernel;

import java.util.Arrays;
import java.util.List;

/**
 * Padding done per band of output rows instead of once per layer. A task that computes output rows [t0, t1) of one
 * phase copies just the input rows those read, with their zero border, into a window owned by its thread, and runs
 * the kernels on a job whose input is that window. The padded copy of the whole input is never made: at 512x512 the
 * input of the report's RGB output layer is 256 MB, and copying it through memory cost more than the convolution.
 * The window stays in cache while the band is computed.
 */
final class BandWindows {
    private static final ThreadLocal<float[][]> WINDOW = ThreadLocal.withInitial(() -> new float[1][0]);

    private BandWindows() {
    }

    /** A job computing rows [t0, t1) of {@code ph} for batch item {@code n}, reading a padded window of rows. */
    static ConvJob window(ConvJob job, ConvJob.Phase ph, int n, int t0, int t1) {
        ConvJob.Source src = job.source();
        int minDy = Integer.MAX_VALUE, maxDy = Integer.MIN_VALUE;
        for (int d : ph.dy()) {
            minDy = Math.min(minDy, d);
            maxDy = Math.max(maxDy, d);
        }
        if (ph.taps() == 0) {
            minDy = maxDy = 0;
        }
        int r0 = t0 * ph.strideH() + minDy, rows = (t1 - 1) * ph.strideH() + maxDy + 1 - r0;
        int c = job.inC(), paddedRow = job.inW() * c, rowLen = src.w() * c;
        int size = rows * paddedRow;
        float[][] holder = WINDOW.get();
        if (holder[0].length < size) { // kept for the thread's next band: a window may be longer than needed
            holder[0] = new float[size];
        }
        float[] win = holder[0];
        for (int i = 0; i < rows; i++) {
            int d = i * paddedRow, sy = r0 + i - src.top();
            if (sy < 0 || sy >= src.h()) {
                Arrays.fill(win, d, d + paddedRow, 0f);
                continue;
            }
            Arrays.fill(win, d, d + src.left() * c, 0f);
            System.arraycopy(src.data(), (n * src.h() + sy) * rowLen, win, d + src.left() * c, rowLen);
            Arrays.fill(win, d + (src.left() + src.w()) * c, d + paddedRow, 0f);
        }
        int[] dy = ph.dy().clone();
        for (int i = 0; i < dy.length; i++) {
            dy[i] -= minDy;
        }
        // The output is seen as one image of batch*outH rows, so this batch item's rows keep their place in it.
        ConvJob.Phase sub = new ConvJob.Phase(n * job.outH() + ph.oy0() + t0 * ph.stepH(), ph.ox0(), t1 - t0, ph.cols(),
                ph.strideH(), ph.strideW(), ph.stepH(), ph.stepW(), dy, ph.dx(), ph.filter());
        return new ConvJob(win, 1, rows, job.inW(), c, job.out(),
                job.batch() * job.outH(), job.outW(), job.outC(), job.groups(), job.cinG(), job.coutG(), job.bias(),
                job.act(), List.of(sub));
    }
}
