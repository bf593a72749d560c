package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.op.Activation;
import java.util.List;

/**
 * Runs the vector micro-kernels on tiny problems in a background daemon thread right after start. Until C2 has
 * compiled them, Vector API code runs in the interpreter about a hundred times slower, which made the first run of
 * a large layer take seconds. Off with {@code -Ddecoderlens.warmup=false}.
 */
final class KernelWarmUp {
    private KernelWarmUp() {
    }

    static void startIn(ScalarKernels kernels) {
        if (!Boolean.parseBoolean(System.getProperty("decoderlens.warmup", "true"))) {
            return;
        }
        Thread t = new Thread(() -> run(kernels), "decoderlens-kernel-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run(ScalarKernels kernels) {
        int side = 16, taps = 9;
        int[] dy = new int[taps], dx = new int[taps];
        for (int i = 0; i < taps; i++) {
            dy[i] = i / 3;
            dx[i] = i % 3;
        }
        // a panel layer (32 -> 40: full and partial blocks, tile8 and tile1) and a dot-product layer (32 -> 3)
        ConvJob panel = job(side, 32, 40, taps, dy, dx);
        ConvJob dot = job(side, 32, 3, taps, dy, dx);
        for (int i = 0; i < 400; i++) {
            // inline (no pool): the warm-up must not compete with real work for the pool threads
            runInline(kernels, panel);
            runInline(kernels, dot);
        }
    }

    private static void runInline(ScalarKernels kernels, ConvJob job) {
        for (int t = 0; t < job.phases().getFirst().rows(); t++) {
            kernels.convolveRow(job, job.phases().getFirst(), 0, t);
        }
    }

    private static ConvJob job(int side, int cin, int cout, int taps, int[] dy, int[] dx) {
        int padded = side + 2, cols = side + 1; // odd width: tails too
        float[] w = new float[taps * cin * cout];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7) * 0.01f;
        }
        FilterTaps f = new FilterTaps(1, taps, cin, cout, w);
        return new ConvJob(new float[padded * (cols + 2) * cin], 1, padded, cols + 2, cin,
                new float[side * cols * cout], side, cols, cout, 1, cin, cout, new float[cout], Activation.SIGMOID,
                List.of(new ConvJob.Phase(0, 0, side, cols, 1, 1, 1, 1, dy, dx, f)));
    }
}
