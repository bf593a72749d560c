package dev.decoderlens.app.vm;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.Session;
import dev.decoderlens.io.SourceImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The first comparison, computed while the toolkit starts and the window is built: at launch a thread of its own
 * reads the picture the window will open (the last session's, else the bundled raccoon) and runs the study on its
 * crop. On this two-core machine building the window takes about two seconds on one core and the first run, on a
 * JIT that has compiled nothing yet, three on the other; one after the other they made the start twice as long.
 *
 * <p>It only saves work, never decides anything: the window opens what it would open anyway and asks
 * {@link #result} for a run on exactly that crop (same pixels) with exactly those settings; anything else (another
 * session, an edited crop, a failure here) runs as usual. The run also fills the shared runner's caches, so the
 * next decoder-only change finds the encoder computed.
 */
public final class FirstRun {
    /** What the window opens first: a picture, a crop of it and the settings. */
    record Start(Path image, Preset.Crop crop, ExperimentSettings settings) {
    }

    private record Done(SourceImage crop, ExperimentResult result) {
    }

    /** Nothing started (tests, or a start that needs no prefetch). */
    public static final FirstRun NONE = new FirstRun(null, CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null));

    private final Path image;
    /**
     * Each is handed over once, and then forgotten: a later opening of the same file reads it again (it may have
     * changed), and a run of 600 MB is not kept alive here after the window has moved on.
     */
    private final AtomicReference<CompletableFuture<SourceImage>> read;
    private final AtomicReference<CompletableFuture<Done>> done;

    private FirstRun(Path image, CompletableFuture<SourceImage> read, CompletableFuture<Done> done) {
        this.image = image;
        this.read = new AtomicReference<>(read);
        this.done = new AtomicReference<>(done);
    }

    /**
     * Starts reading and running what the window will show first, with {@code runner} (the window's own, so that
     * its caches are filled). Never throws: a start it cannot foresee is simply not prefetched.
     */
    public static FirstRun begin(SettingsStore store, ExperimentRunner runner) {
        Start start;
        try {
            start = foresee(store);
        } catch (Exception | LinkageError e) {
            return NONE;
        }
        if (start == null) {
            return NONE;
        }
        CompletableFuture<SourceImage> read = new CompletableFuture<>();
        CompletableFuture<Done> done = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                StartupClock.mark("first run: reading " + start.image().getFileName());
                SourceImage picture = null;
                try {
                    picture = Images.read(start.image());
                } finally {
                    read.complete(picture); // null when it failed: the window reads it and says what is wrong
                }
                Preset.Crop c = start.crop();
                SourceImage crop = picture.crop(c.x(), c.y(), c.width(), c.height());
                StartupClock.mark("first run: started");
                ExperimentResult r = runner.runOnColdJit(crop, start.settings());
                StartupClock.mark("first run: done");
                done.complete(new Done(crop, r));
            } catch (Throwable e) { // the window reads and runs again, and reports what goes wrong then
                done.complete(null);
            }
        }, "decoderlens-first-run");
        t.setDaemon(true);
        t.start();
        return new FirstRun(start.image(), read, done);
    }

    /**
     * The picture and crop the window opens when it starts, as {@link MainViewModel#openStartImage} decides: the
     * last session when its file reads, else the raccoon with the report's crop and preset. Null when neither.
     */
    static Start foresee(SettingsStore store) throws java.io.IOException {
        Path last = MainViewModel.lastSessionFile(store);
        if (Files.isRegularFile(last)) {
            Session s = Session.read(last);
            return new Start(s.imagePath(last), s.crop(), s.settings());
        }
        Path samples = Samples.folder();
        return samples == null ? null : new Start(samples.resolve(Samples.DEFAULT), Preset.REPORT_CROP, Preset.ORIGINAL_REPORT.settings());
    }

    /** The picture read from {@code file}, waiting for it if it is being read; null when it is another file. */
    SourceImage picture(Path file) {
        if (image == null || read.get() == null || !sameFile(image, file)) { // once handed over, no file lookups
            return null;
        }
        CompletableFuture<SourceImage> f = read.getAndSet(null);
        return f == null ? null : f.join();
    }

    /**
     * The study of {@code crop} with {@code settings}, waiting while it runs (until {@code cancel} fires), when it
     * is the one started at launch; null otherwise.
     */
    ExperimentResult result(SourceImage crop, ExperimentSettings settings, CancellationToken cancel) throws InterruptedException {
        CompletableFuture<Done> f = done.getAndSet(null);
        if (f == null) {
            return null;
        }
        Done d;
        while (true) {
            cancel.check();
            try {
                d = f.get(50, TimeUnit.MILLISECONDS);
                break;
            } catch (TimeoutException e) {
                // still running: look at the token again
            } catch (ExecutionException | CancellationException e) {
                return null;
            }
        }
        if (d == null || !d.result().settings().equals(settings) || d.crop().width() != crop.width()
                || d.crop().height() != crop.height() || d.crop().contentHash() != crop.contentHash()) {
            return null;
        }
        return d.result();
    }

    /** Waits until the run begun at launch is over (tests: it then cannot race the window's own run). */
    void awaitDone() {
        CompletableFuture<Done> f = done.get();
        if (f != null) {
            f.join();
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize()) || Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
