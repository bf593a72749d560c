package dev.decoderlens.app.vm;

import dev.decoderlens.engine.CancellationToken;
import java.util.function.Consumer;

/**
 * Runs one job off the UI thread and reports back on it. A job captures immutable inputs only; it checks the
 * token it is given so that a stale run stops early when the user changes a setting.
 */
public interface Background {

    /** A job: computes a value, checking {@code cancel} and telling {@code progress} as it goes. */
    @FunctionalInterface
    interface Job<T> {
        T compute(CancellationToken cancel, Progress progress) throws Exception;
    }

    /** Progress as a fraction in [0, 1] and a line of text; may be called from the worker thread. */
    @FunctionalInterface
    interface Progress {
        Progress NONE = (fraction, message) -> { };

        void update(double fraction, String message);
    }

    /** A handle to stop a submitted job. Cancelling a finished job does nothing. */
    @FunctionalInterface
    interface Handle {
        Handle DONE = () -> { };

        void cancel();
    }

    /**
     * Starts a job. {@code onDone} or {@code onFailed} is called on the UI thread unless the job was cancelled;
     * {@code progress} updates are forwarded to the UI thread too.
     */
    <T> Handle submit(Job<T> job, Progress progress, Consumer<T> onDone, Consumer<Throwable> onFailed);

    /** Runs jobs on the calling thread: for view-model tests without a toolkit. */
    Background DIRECT = new Background() {
        @Override
        public <T> Handle submit(Job<T> job, Progress progress, Consumer<T> onDone, Consumer<Throwable> onFailed) {
            T value;
            try {
                value = job.compute(CancellationToken.NONE, progress);
            } catch (Exception e) {
                onFailed.accept(e);
                return Handle.DONE;
            }
            onDone.accept(value);
            return Handle.DONE;
        }
    };
}
