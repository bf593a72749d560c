package dev.decoderlens.engine.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks 0..n-1 on a small shared pool of daemon threads plus the calling thread. Tasks are handed
 * out one at a time from a counter, so a core slowed by other load simply takes fewer of them. The pool is made
 * once: kernels never create threads per call. Size: {@code -Ddecoderlens.threads=N}, default all cores.
 */
public final class Parallel {
    private static final int THREADS = Math.max(1,
            Integer.getInteger("decoderlens.threads", Runtime.getRuntime().availableProcessors()));
    private static final ThreadGroup GROUP = new ThreadGroup("decoderlens-kernels");
    private static final ExecutorService POOL = THREADS > 1 ? Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(GROUP, r, "decoderlens-kernel");
        t.setDaemon(true);
        return t;
    }) : null;

    private Parallel() {
    }

    public static int threads() {
        return THREADS;
    }

    /**
     * Calls {@code body} for every index in [0, n), in parallel, and returns when all are done. The first exception
     * thrown by a task (a cancellation, say) stops the hand-out of further tasks and is rethrown here.
     */
    public static void forEach(int n, IntConsumer body) {
        if (n <= 0) {
            return;
        }
        // Nested calls from a pool thread run inline: waiting there for the same pool could deadlock.
        if (POOL == null || n == 1 || Thread.currentThread().getThreadGroup() == GROUP) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < n) {
                try {
                    body.accept(i);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int helpers = Math.min(THREADS - 1, n - 1);
        // Each helper is claimed exactly once, by itself (it runs) or by the caller (it never started and must not
        // run later). FutureTask.cancel cannot serve here: it also "cancels" a task that is already running, and
        // the caller would then return while a helper still writes into the output.
        java.util.concurrent.atomic.AtomicBoolean[] claimed = new java.util.concurrent.atomic.AtomicBoolean[helpers];
        java.util.concurrent.CountDownLatch[] done = new java.util.concurrent.CountDownLatch[helpers];
        for (int h = 0; h < helpers; h++) {
            java.util.concurrent.atomic.AtomicBoolean mine = claimed[h] = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CountDownLatch finished = done[h] = new java.util.concurrent.CountDownLatch(1);
            POOL.execute(() -> {
                if (mine.compareAndSet(false, true)) {
                    try {
                        worker.run();
                    } finally {
                        finished.countDown();
                    }
                }
            });
        }
        worker.run();
        for (int h = 0; h < helpers; h++) {
            if (!claimed[h].compareAndSet(false, true)) {
                awaitQuietly(done[h]);
            }
        }
        Throwable e = failure.get();
        if (e instanceof RuntimeException re) {
            throw re;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException ie) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
