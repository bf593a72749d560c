package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.op.Activation;
import java.util.List;

/**
 * Runs the vector micro-kernels on tiny problems in a background daemon thread right after start. Until C2 has
 * compiled them, Vector API code runs in the interpreter about a hundred times slower, which made the first run of
 * a large layer take seconds. Off with {@code -Ddecoderlens.warmup=false}.
 */
final class KernelWarmUp {
    /** Counted down when the warm-up has finished (or was never started). */
    private static final java.util.concurrent.CountDownLatch DONE = new java.util.concurrent.CountDownLatch(1);
    /** Set once the later warm-up has been started (see {@link #startLater}). */
    private static final java.util.concurrent.atomic.AtomicBoolean LATER = new java.util.concurrent.atomic.AtomicBoolean();

    private KernelWarmUp() {
    }

    /**
     * Waits until the background warm-up is over. Benchmarks call this: the warm-up thread takes a whole core for a
     * few seconds after start, and measuring beside it halves the engine's apparent speed.
     */
    static void await() throws InterruptedException {
        DONE.await();
    }

    static void startIn(ScalarKernels kernels) {
        if (!Boolean.parseBoolean(System.getProperty("decoderlens.warmup", "true"))) {
            DONE.countDown();
            return;
        }
        start(kernels, Integer.getInteger("decoderlens.warmupRounds", 300));
    }

    /**
     * A shorter warm-up, once, when a program that turned the one at start off has its first results (the window,
     * once its first comparison is on screen): the kernels that run took them to C2 already; this compiles the rest
     * (the Winograd transforms and the dot-product tiles, after a first run on the panels alone) before the first
     * change asks for them.
     */
    static void startLater(ScalarKernels kernels) {
        if (!LATER.getAndSet(true)) {
            start(kernels, 20);
        }
    }

    private static void start(ScalarKernels kernels, int rounds) {
        Thread t = new Thread(() -> {
            try {
                run(kernels, rounds);
            } finally {
                DONE.countDown();
            }
        }, "decoderlens-kernel-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static void run(ScalarKernels kernels, int rounds) {
        int side = 16, taps = 9;
        int[] dy = new int[taps], dx = new int[taps];
        for (int i = 0; i < taps; i++) {
            dy[i] = i / 3;
            dx[i] = i % 3;
        }
        // Every path a network takes: panels with full and partial blocks, tile tails, ReLU, identity and sigmoid;
        // the four stride phases of a 2x2 transposed convolution; RGB and generic dot-product tiles. A path first
        // met in a real run would deoptimise the compiled row loop and run interpreted for several runs.
        // A 2x2 kernel as four taps: the vector set runs it by F(2x2, 2x2) (VectorWinograd2x2), an odd width included.
        int[] squareDy = {0, 0, 1, 1}, squareDx = {0, 1, 0, 1};
        ConvJob[] jobs = {
            job(side, 16, 32, 4, squareDy, squareDx, Activation.RELU),
            job(side, 32, 40, taps, dy, dx, Activation.SIGMOID),
            job(side, 16, 64, taps, dy, dx, Activation.RELU),
            job(side, 32, 3, taps, dy, dx, Activation.SIGMOID),
            job(side, 24, 5, taps, dy, dx, Activation.IDENTITY),
            transposed(side, 64, 32, Activation.RELU),
            transposed(side, 32, 16, Activation.IDENTITY),
        };
        // Winograd 3x3 layers (vector kernels only): blocks over the edges of an odd image, ReLU and identity
        Winograd.Job[] winograd = kernels instanceof VectorKernels && Winograd.filter(new float[32 * 16 * 9], 32, 16) != null
                ? new Winograd.Job[] {winograd(side + 1, 16, 32, Activation.RELU), winograd(side - 3, 32, 64, Activation.IDENTITY)}
                : new Winograd.Job[0];
        float[] pooled = new float[64], other = new float[64];
        for (int i = 0; i < rounds; i++) {
            for (ConvJob j : jobs) {
                // inline (no pool): the warm-up must not compete with real work for the pool threads
                runInline(kernels, j);
            }
            for (Winograd.Job j : winograd) {
                Winograd.convolveInline(j, VectorWinograd::segment);
            }
            // max pooling's inner step and the fused activations, which also run vectorised
            for (int k = 0; k < 64; k++) {
                kernels.maxInto(other, 0, pooled, 0, 64);
            }
            if (kernels instanceof VectorKernels) {
                VectorActivations.apply(Activation.SIGMOID, other, 0, 64);
                VectorActivations.apply(Activation.RELU, other, 0, 64);
            }
        }
    }

    private static void runInline(ScalarKernels kernels, ConvJob job) {
        for (ConvJob.Phase ph : job.phases()) {
            kernels.convolveRows(job, ph, 0, 0, ph.rows());
        }
    }

    private static ConvJob job(int side, int cin, int cout, int taps, int[] dy, int[] dx, Activation act) {
        int padded = side + 2, cols = side + 1; // odd width: tails too
        float[] w = new float[taps * cin * cout];
        for (int i = 0; i < w.length; i++) {
            w[i] = (i % 7) * 0.01f;
        }
        FilterTaps f = new FilterTaps(1, taps, cin, cout, w);
        return new ConvJob(new float[padded * (cols + 2) * cin], 1, padded, cols + 2, cin,
                new float[side * cols * cout], side, cols, cout, 1, cin, cout, new float[cout], act,
                List.of(new ConvJob.Phase(0, 0, side, cols, 1, 1, 1, 1, dy, dx, f)));
    }

    private static Winograd.Job winograd(int side, int cin, int cout, Activation act) {
        Winograd.Filter f = Winograd.filter(new float[cout * cin * 9], cout, cin);
        return new Winograd.Job(f, new float[side * side * cin], 1, side, side, 1, 1, new float[side * side * cout],
                side, side, new float[cout], act);
    }

    /** A 2x2 stride-2 transposed convolution as its four 1-tap phases. */
    private static ConvJob transposed(int side, int cin, int cout, Activation act) {
        FilterTaps f = new FilterTaps(1, 1, cin, cout, new float[cin * cout]);
        List<ConvJob.Phase> phases = new java.util.ArrayList<>();
        for (int r = 0; r < 4; r++) {
            phases.add(new ConvJob.Phase(r / 2, r % 2, side, side, 1, 1, 2, 2, new int[] {0}, new int[] {0}, f));
        }
        return new ConvJob(new float[side * side * cin], 1, side, side, cin, new float[4 * side * side * cout],
                2 * side, 2 * side, cout, 1, cin, cout, new float[cout], act, phases);
    }
}
