package dev.decoderlens.app.fx;

import dev.decoderlens.app.vm.Background;
import dev.decoderlens.engine.CancellationToken;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * {@link Background} on a JavaFX {@link Task}: the job runs on a daemon worker thread, results and progress are
 * handed over on the FX thread, and a cancelled task's result is dropped.
 */
public final class FxBackground implements Background {
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "decoderlens-worker");
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> Handle submit(Job<T> job, Progress progress, Consumer<T> onDone, Consumer<Throwable> onFailed) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                CancellationToken token = this::isCancelled;
                return job.compute(token, (fraction, message) -> {
                    if (!isCancelled()) {
                        Platform.runLater(() -> progress.update(fraction, message));
                    }
                });
            }
        };
        task.setOnSucceeded(e -> onDone.accept(task.getValue()));
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            if (!(t instanceof CancellationException)) {
                onFailed.accept(t);
            }
        });
        workers.execute(task);
        return () -> task.cancel(false);
    }
}
