package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.CancellationToken;

/**
 * The hot loops of the engine behind one interface, in two implementations: {@link ScalarKernels}, the plain-Java
 * reference that is always there, and {@code VectorKernels} on {@code jdk.incubator.vector}, chosen at start when
 * the module is readable. Set {@code -Ddecoderlens.kernels=scalar} to force the plain path.
 */
public interface Kernels {

    /** "vector (512-bit, 16 floats)" or "scalar": shown in the status bar and the benchmark. */
    String name();

    /**
     * Runs a convolution described as tap lists (see {@link ConvJob}) on all cores, writing every output value of
     * every phase exactly once. Checks {@code cancel} between rows.
     */
    void convolve(ConvJob job, CancellationToken cancel);

    /**
     * {@code y[yo + i] = Math.max(y[yo + i], x[xo + i])} for i &lt; n: the inner step of max pooling (a NaN wins, as in
     * PyTorch).
     */
    void maxInto(float[] x, int xo, float[] y, int yo, int n);

    /**
     * Runs a 3x3 stride-1 convolution by Winograd's F(2x2, 3x3) ({@link Winograd}) and returns true, or returns
     * false when this kernel set leaves the layer to {@link #convolve} (the vector set does for channel counts that
     * do not fill its vectors and panels; its direct kernels are faster there than plain-Java Winograd).
     */
    default boolean winograd(Winograd.Job job, CancellationToken cancel) {
        return false;
    }

    /**
     * The same kernels reduced to the panel micro-kernels, for a run on a JIT that has compiled nothing yet (the
     * window's first run). Each further micro-kernel costs C2 100-250 ms of compiling, plus as much again for an
     * on-stack replacement, on the run's critical path: Winograd's transforms took longer to compile than they saved
     * there, and the panels, compiled for the first layers anyway, compute a 3-channel output layer padded to a
     * whole panel in less time than C2 takes to compile the dot-product tiles. Results agree with this set's to
     * about 1e-6 relative. The plain-Java set returns itself.
     */
    default Kernels forColdJit() {
        return this;
    }

    /**
     * Compiles this set's kernels on a background thread, on small problems, for a program that kept them from
     * being compiled at start (the window: see {@code -Ddecoderlens.warmup}); nothing for the plain-Java set.
     */
    default void warmUpInBackground() {
    }

    /** Packs {@code filter} the way this kernel set reads it, so that the first run does not pay for it. */
    void prepare(FilterTaps filter);

    /** The kernel set chosen at start (see {@link KernelProvider}). */
    static Kernels get() {
        return KernelProvider.INSTANCE.kernels();
    }

    /**
     * Blocks until the chosen kernel set has finished its background JIT warm-up (returns at once for the scalar
     * set). For benchmarks, which must not time the engine while that thread holds a core.
     */
    static void awaitWarmUp() throws InterruptedException {
        if (get() != ScalarKernels.INSTANCE) {
            KernelWarmUp.await(); // only the vector set starts one
        }
    }

    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }
}
