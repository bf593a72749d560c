package dev.decoderlens.app.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.Preset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How runs are scheduled while the crop is dragged or a spinner arrow is held: each change asks for a run, far more
 * often than a run ends. The jobs here wait until the test lets them finish, as on the window's workers, and the clock
 * that tells a gesture's changes from changes on their own is the test's.
 */
class CropDragTest {
    @TempDir
    Path dir;
    HeldBackground workers;
    MainViewModel vm;
    long now;

    @BeforeEach
    void setUp() throws Exception {
        workers = new HeldBackground();
        vm = new MainViewModel(workers, new SettingsStore(dir.resolve("settings.properties")), new ExperimentRunner());
        vm.runs().useClock(() -> now);
        vm.applyPreset(Preset.CHECKERBOARD_K3S2);
        assertTrue(vm.openFile(TestImages.gradient(dir, "g.png", 48, 40), new Crop(4, 4, 16, 16)));
    }

    @Test
    void aDragShowsTheRunInFlightAndThenRunsOnlyTheNewestCrop() {
        Held first = workers.onlyRunWaiting();
        for (int i = 0; i < 3; i++) {
            after(16); // a pointer's pace
            vm.image().moveCrop(1, 0);
        }
        assertFalse(first.cancelled, "a crop move does not cancel the run under way");
        assertEquals(1, workers.runs().size(), "the moves wait for it");

        first.finish();
        assertEquals(new Crop(4, 4, 16, 16), vm.runs().resultSelection().crop(), "the drag's first frame is shown");
        assertNotNull(vm.pathB().outputImageProperty().get());
        Held newest = workers.onlyRunWaiting();
        assertEquals(2, workers.runs().size(), "the two moves in between are never run");
        workers.finishAllButRuns();
        assertNull(vm.runs().analysisProperty().get(), "no analysis while the drag's next frame computes");
        assertNotNull(vm.pathA().grid(), "the frame's grids are drawn");

        newest.finish();
        assertEquals(new Crop(7, 4, 16, 16), vm.runs().resultSelection().crop());
        workers.finishAllButRuns();
        assertNotNull(vm.runs().analysisProperty().get(), "measured once the drag has caught up");
        assertNull(workers.runWaiting());
    }

    @Test
    void aMoveBackToTheCropInFlightAsksForNothingMore() {
        Held first = workers.onlyRunWaiting();
        after(16);
        vm.image().moveCrop(2, 0);
        after(16);
        vm.image().moveCrop(-2, 0);
        first.finish();
        assertNull(workers.runWaiting(), "the crop shown is where the pointer ended");
        assertEquals(1, workers.runs().size());
    }

    @Test
    void aChangeOnItsOwnCancelsTheRunInFlight() {
        Held first = workers.onlyRunWaiting();
        after(16);
        vm.image().moveCrop(1, 0);
        after(RunCoordinator.GESTURE_NANOS / 1_000_000 + 1);
        vm.rerollSeed(Side.B);
        assertTrue(first.cancelled, "its result would be of the old settings");
        Held reseeded = workers.onlyRunWaiting();
        reseeded.finish();
        assertEquals(new Crop(5, 4, 16, 16), vm.runs().resultSelection().crop(), "with the crop's last place");
        assertNull(workers.runWaiting(), "the move waiting for the cancelled run is not run again");
        assertEquals(vm.settings(), vm.runs().result().settings());
    }

    @Test
    void aNewCropSizeOnItsOwnCancelsTheRunInFlight() {
        Held first = workers.onlyRunWaiting();
        after(1000);
        vm.image().setCropSide(24);
        assertTrue(first.cancelled, "a crop of the old size is not waited for");
        workers.onlyRunWaiting().finish();
        assertEquals(24, vm.runs().resultSelection().crop().width());
    }

    @Test
    void aHeldSpinnerArrowShowsEachRunThatFinishes() {
        Held first = workers.onlyRunWaiting();
        long seed = vm.settings().pathB().init().seed();
        for (int i = 0; i < 3; i++) {
            after(60); // a held arrow's repeat
            vm.rerollSeed(Side.B);
        }
        assertFalse(first.cancelled, "the run under way is the gesture's next frame");
        first.finish();
        assertEquals(seed, vm.runs().result().settings().pathB().init().seed(), "shown with the seed it ran with");
        Held newest = workers.onlyRunWaiting();
        newest.finish();
        assertEquals(vm.settings(), vm.runs().result().settings(), "then the newest seed");
        assertEquals(2, workers.runs().size(), "the seeds in between are never run");
    }

    @Test
    void aFailedRunStartsTheMoveThatWaitedForIt() {
        Held first = workers.onlyRunWaiting();
        after(16);
        vm.image().moveCrop(3, 0);
        first.fail(new IllegalStateException("out of memory, say"));
        Held next = workers.onlyRunWaiting();
        next.finish();
        assertEquals(new Crop(7, 4, 16, 16), vm.runs().resultSelection().crop());
    }

    @Test
    void aRunIsMeasuredOnlyOnceSomethingShowsTheMeasures() {
        vm.runs().analysisWantedProperty().set(false); // as in the window while its Activations tab is shown
        workers.onlyRunWaiting().finish();
        workers.finishAllButRuns();
        assertNotNull(vm.runs().result());
        assertNull(vm.runs().analysisProperty().get(), "not measured while nothing shows it");
        vm.runs().analysisWantedProperty().set(true);
        workers.finishAllButRuns();
        assertNotNull(vm.runs().analysisProperty().get(), "measured when a tab that shows it is selected");
        assertTrue(vm.aboutProperty().get().stream().anyMatch(p -> p.text().startsWith("Checkerboard")),
                "and the About sentences take its measures");
    }

    private void after(long ms) {
        now += ms * 1_000_000;
    }

    /** A submitted job, computed only when the test says so. */
    private static final class Held {
        final Background.Job<Object> job;
        final boolean isRun;
        final Consumer<Object> onDone;
        final Consumer<Throwable> onFailed;
        boolean cancelled;
        boolean ended;

        @SuppressWarnings("unchecked")
        <T> Held(Background.Job<T> job, boolean isRun, Consumer<T> onDone, Consumer<Throwable> onFailed) {
            this.job = (Background.Job<Object>) job;
            this.isRun = isRun;
            this.onDone = (Consumer<Object>) onDone;
            this.onFailed = onFailed;
        }

        void finish() {
            ended = true;
            Object value;
            try {
                value = job.compute(CancellationToken.NONE, Background.Progress.NONE);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            if (!cancelled) {
                onDone.accept(value);
            }
        }

        void fail(Throwable t) {
            ended = true;
            onFailed.accept(t);
        }
    }

    /** Holds every job; grid drawings and analyses are told apart from runs by the runs' progress reports. */
    private static final class HeldBackground implements Background {
        final List<Held> jobs = new ArrayList<>();

        @Override
        public <T> Handle submit(Job<T> job, Progress progress, Consumer<T> onDone, Consumer<Throwable> onFailed) {
            Held h = new Held(job, progress != Progress.NONE, onDone, onFailed);
            jobs.add(h);
            return () -> h.cancelled = true;
        }

        List<Held> runs() {
            return jobs.stream().filter(h -> h.isRun).toList();
        }

        Held runWaiting() {
            List<Held> w = runs().stream().filter(h -> !h.ended && !h.cancelled).toList();
            assertTrue(w.size() <= 1, "one run at a time");
            return w.isEmpty() ? null : w.getFirst();
        }

        Held onlyRunWaiting() {
            Held h = runWaiting();
            assertNotNull(h, "a run is under way");
            return h;
        }

        /** Grid drawings and analyses. */
        void finishAllButRuns() {
            for (Held h : List.copyOf(jobs)) {
                if (!h.isRun && !h.ended && !h.cancelled) {
                    h.finish();
                }
            }
        }
    }
}
