package dev.decoderlens.engine;

import dev.decoderlens.engine.kernel.Kernels;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What an operator may use while it runs: the kernel set, the cancellation token and the run's buffers. Arrays from
 * {@link #uninitialized} come from the {@link Executor}'s {@link BufferPool} when it has one of the right size; the
 * executor returns them to the pool once no live or kept tensor refers to them any more.
 */
public final class ExecContext {
    private final Kernels kernels;
    private final CancellationToken cancel;
    private final BufferPool pool;
    /** Arrays this run handed out with {@link #uninitialized}: only these may go back to the pool. */
    private final Set<float[]> fromPool = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public ExecContext(Kernels kernels, CancellationToken cancel) {
        this(kernels, cancel, null);
    }

    public ExecContext(Kernels kernels, CancellationToken cancel, BufferPool pool) {
        this.kernels = kernels;
        this.cancel = cancel;
        this.pool = pool;
    }

    public static ExecContext defaults() {
        return new ExecContext(Kernels.get(), CancellationToken.NONE);
    }

    public Kernels kernels() {
        return kernels;
    }

    public CancellationToken cancel() {
        return cancel;
    }

    public void checkCancelled() {
        cancel.check();
    }

    /**
     * An array of {@code n} floats whose contents are arbitrary (a recycled buffer) unless it is new. For operator
     * outputs and scratch buffers whose every element the operator writes before anything reads it.
     */
    public float[] uninitialized(int n) {
        float[] a = pool == null ? null : pool.take(n);
        if (a == null) {
            a = new float[n];
        }
        if (pool != null) {
            fromPool.add(a);
        }
        return a;
    }

    /** Hands back a scratch array from {@link #uninitialized} that nothing refers to any more. */
    public void recycle(float[] a) {
        if (pool != null && fromPool.remove(a)) {
            pool.give(a);
        }
    }
}
