package dev.decoderlens.bench;

import dev.decoderlens.app.vm.Background;
import dev.decoderlens.app.vm.Crop;
import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.SettingsStore;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.SourceImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A crop drag at 256x256 through the window's own view models and run scheduling, without the toolkit: the crop
 * moves 2 pixels every 16 ms (a 60 Hz pointer) for a few seconds, and the benchmark counts the results handed to the
 * UI thread, each with its two outputs drawn, while the grids of the previous one are drawn beside it, as in the
 * window. Issue 3's "keeps up at 10 or more recomputes per second (stale runs cancelled)" is this count per second.
 * Drawing on screen is not included (the engine benchmark's crop drag times the engine alone).
 * Usage: {@code scripts/bench-interactive.sh --window-drag [SECONDS [PRESET]]}.
 */
public final class WindowDragBenchmark {
    private static final int MOVE_EVERY_MS = 16;
    private static final int STEP = 2;

    private WindowDragBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        Kernels.awaitWarmUp();
        Path dir = Files.createTempDirectory("decoderlens-drag");
        Path raccoon = Path.of("assets/samples/raccoon.png").toAbsolutePath();
        System.out.printf(Locale.ROOT, "crop drag @256 through the view models: a move every %d ms for %d s after a %d s warm-up%n%n"
                + "| preset | results shown per s | median gap between results ms | engine alone, same run: ms | engine alone: recomputes/s |%n"
                + "|---|---|---|---|---|%n", MOVE_EVERY_MS, seconds, seconds);
        SourceImage photo = Images.read(raccoon);
        for (Preset preset : Preset.values()) {
            if (args.length > 1 && !preset.id().equals(args[1])) {
                continue;
            }
            ExecutorService ui = Executors.newSingleThreadExecutor(r -> daemon(r, "ui"));
            ThreadBackground workers = new ThreadBackground(ui);
            List<Long> shown = new ArrayList<>();
            MainViewModel vm = on(ui, () -> {
                MainViewModel v = new MainViewModel(workers, new SettingsStore(dir.resolve(preset.id() + ".properties")), new ExperimentRunner());
                v.runs().analysisWantedProperty().set(false); // as in the window, whose Activations tab is shown
                v.applyPreset(preset);
                v.openFile(raccoon, new Crop(64, 100, 256, 256));
                v.runs().resultProperty().addListener((o, a, r) -> shown.add(System.nanoTime()));
                return v;
            });
            drag(ui, vm, seconds); // warm-up: this preset's layers through the JIT
            int before = on(ui, shown::size);
            long t0 = System.nanoTime();
            drag(ui, vm, seconds);
            long t1 = System.nanoTime();
            List<Long> during = on(ui, () -> List.copyOf(shown.subList(before, shown.size()))).stream().filter(t -> t <= t1).toList();
            long[] gaps = new long[Math.max(0, during.size() - 1)];
            for (int i = 1; i < during.size(); i++) {
                gaps[i - 1] = during.get(i) - during.get(i - 1);
            }
            java.util.Arrays.sort(gaps);
            ui.shutdown();
            workers.shutdown();
            double engineMs = engineAlone(preset, photo);
            System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %.1f | %.1f |%n", preset.id(), during.size() / ((t1 - t0) / 1e9),
                    gaps.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", gaps[gaps.length / 2] / 1e6), engineMs, 1000 / engineMs);
        }
    }

    /**
     * The same drag's runs without the window's scheduling and drawing, just after it in the same JVM (the machine's
     * speed drifts between runs of a benchmark): the median of 15 runs, each on a crop 2 pixels further right.
     */
    private static double engineAlone(Preset preset, SourceImage photo) {
        ExperimentRunner runner = new ExperimentRunner();
        long[] t = new long[15];
        for (int i = -3; i < t.length; i++) {
            SourceImage crop = photo.crop(64 + STEP * (i + 3), 100, 256, 256);
            long t0 = System.nanoTime();
            runner.run(crop, preset.settings());
            if (i >= 0) {
                t[i] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(t);
        return t[t.length / 2] / 1e6;
    }

    /** Moves the crop right and back, 2 pixels every 16 ms, for {@code seconds}, each move on the UI thread. */
    private static void drag(ExecutorService ui, MainViewModel vm, int seconds) throws Exception {
        ScheduledExecutorService pointer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pointer"));
        int moves = seconds * 1000 / MOVE_EVERY_MS;
        int[] done = {0};
        int[] dir = {1};
        pointer.scheduleAtFixedRate(() -> ui.execute(() -> {
            if (done[0]++ < moves) {
                Crop c = vm.image().crop();
                if (c.x() + STEP * dir[0] < 0 || c.x() + c.width() + STEP * dir[0] > vm.image().picture().width()) {
                    dir[0] = -dir[0];
                }
                vm.image().moveCrop(STEP * dir[0], 0);
            }
        }), 0, MOVE_EVERY_MS, TimeUnit.MILLISECONDS);
        Thread.sleep(seconds * 1000L);
        pointer.shutdownNow();
        on(ui, () -> null); // the moves already posted have been handled
    }

    private static <T> T on(ExecutorService ui, Callable<T> task) throws Exception {
        return ui.submit(task).get();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, "bench-" + name);
        t.setDaemon(true);
        return t;
    }

    /** {@link Background} as the window's FxBackground has it: two workers, results handed to the UI thread. */
    private static final class ThreadBackground implements Background {
        private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> daemon(r, "worker"));
        private final ExecutorService ui;

        ThreadBackground(ExecutorService ui) {
            this.ui = ui;
        }

        @Override
        public <T> Handle submit(Job<T> job, Progress progress, Consumer<T> onDone, Consumer<Throwable> onFailed) {
            AtomicBoolean cancelled = new AtomicBoolean();
            Future<?> f = workers.submit(() -> {
                try {
                    T value = job.compute(cancelled::get, (fraction, message) -> ui.execute(() -> progress.update(fraction, message)));
                    ui.execute(() -> {
                        if (!cancelled.get()) {
                            onDone.accept(value);
                        }
                    });
                } catch (Exception e) {
                    ui.execute(() -> {
                        if (!cancelled.get() && !(e instanceof java.util.concurrent.CancellationException)) {
                            onFailed.accept(e);
                        }
                    });
                }
            });
            return () -> {
                cancelled.set(true);
                f.cancel(false);
            };
        }

        void shutdown() {
            workers.shutdown();
        }
    }
}
