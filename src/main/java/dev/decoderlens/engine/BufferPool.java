package dev.decoderlens.engine;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Float arrays kept between operator runs, so that the large activation and padding buffers of a network are not
 * allocated afresh on every run. A new Java array is zeroed by the allocating thread (about 3 ms for the 16 MB output
 * of the report's widest layer at 128x128, 10 ms at 256x256), which cost as much as the convolution of a small layer;
 * ONNX Runtime reuses its arena the same way.
 *
 * <p>Arrays are matched by exact length and handed out <em>with old contents</em>: only operators that write every
 * element take them (see {@link ExecContext#uninitialized}). The pool keeps at most {@code capacityBytes} bytes and
 * lets the rest go to the garbage collector; what it keeps it holds through soft references, which the collector
 * clears before it would run out of memory, so a pool never makes the heap too small for a trace. Thread-safe.
 */
public final class BufferPool {
    private final long capacityBytes;
    private final boolean poisoned;
    private final Map<Integer, ArrayDeque<SoftReference<float[]>>> free = new HashMap<>();
    private long heldBytes;

    /** A pool holding at most a quarter of the maximum heap, and never more than 768 MB. */
    public BufferPool() {
        this(Math.min(768L << 20, Runtime.getRuntime().maxMemory() / 4));
    }

    public BufferPool(long capacityBytes) {
        this(capacityBytes, false);
    }

    private BufferPool(long capacityBytes, boolean poisoned) {
        this.capacityBytes = capacityBytes;
        this.poisoned = poisoned;
    }

    /**
     * For tests: a pool whose every array, new or recycled, arrives filled with NaN, so an operator that reads an
     * element it did not write shows NaN in its output.
     */
    public static BufferPool poisoned() {
        return new BufferPool(1L << 30, true);
    }

    /** An array of exactly {@code n} floats, recycled (contents arbitrary), or null when none is free. */
    public synchronized float[] take(int n) {
        ArrayDeque<SoftReference<float[]>> q = free.get(n);
        float[] a = null;
        while (a == null && q != null && !q.isEmpty()) {
            heldBytes -= 4L * n;
            a = q.pop().get(); // null when the collector has taken it back
        }
        if (a == null && poisoned) {
            a = new float[n];
        }
        if (poisoned) {
            java.util.Arrays.fill(a, Float.NaN);
        }
        return a;
    }

    /** Takes {@code a} back for later runs; the caller must not use it any more. Dropped when the pool is full. */
    public synchronized void give(float[] a) {
        long bytes = 4L * a.length;
        if (heldBytes + bytes > capacityBytes) {
            return;
        }
        free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(new SoftReference<>(a));
        heldBytes += bytes;
    }

    /** Bytes currently held for reuse (including arrays the collector may already have cleared). */
    public synchronized long heldBytes() {
        return heldBytes;
    }

    /** Lets every held array go (for example before a run that keeps every activation). */
    public synchronized void clear() {
        free.clear();
        heldBytes = 0;
    }
}
