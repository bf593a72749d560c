package dev.decoderlens.engine.kernel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
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
        FutureTask<?>[] tasks = new FutureTask<?>[helpers];
        // Each helper claims its slot when it starts. FutureTask.cancel(false) cannot tell "never started" from
        // "running" (both are NEW), so cancelling a running helper returned before it finished its last task and
        // left the output half written; the claim flag tells the two apart.
        AtomicBoolean[] claimed = new AtomicBoolean[helpers];
        for (int h = 0; h < helpers; h++) {
            AtomicBoolean claim = claimed[h] = new AtomicBoolean();
            tasks[h] = new FutureTask<>(() -> {
                if (claim.compareAndSet(false, true)) {
                    worker.run();
                }
            }, null);
            POOL.execute(tasks[h]);
        }
        worker.run();
        for (int h = 0; h < helpers; h++) {
            // A helper that never started (pool busy with another caller) has nothing left to do: drop it.
            if (!claimed[h].compareAndSet(false, true)) {
                awaitQuietly(tasks[h]);
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

    private static void awaitQuietly(FutureTask<?> t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.get();
                break;
            } catch (InterruptedException ie) {
                interrupted = true;
            } catch (ExecutionException | java.util.concurrent.CancellationException ignored) {
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
