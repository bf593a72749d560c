package dev.decoderlens.app.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.InputScaling;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's view models without a toolkit: runs happen inline on a small crop. */
class MainViewModelTest {
    @TempDir
    Path dir;
    ExperimentRunner runner;
    MainViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        runner = new ExperimentRunner();
        vm = new MainViewModel(Background.DIRECT, new SettingsStore(dir.resolve("settings.properties")), runner);
        vm.applyPreset(Preset.CHECKERBOARD_K3S2);
        assertTrue(vm.openFile(TestImages.gradient(dir, "g.png", 40, 36), new Crop(4, 4, 16, 16)));
    }

    @Test
    void aRunDrawsBothOutputsAtTheCropSize() {
        vm.applyPreset(Preset.FIXED_STRIDES);
        assertNotNull(vm.pathA().outputImageProperty().get());
        assertNotNull(vm.pathB().outputImageProperty().get());
        assertEquals(16, vm.pathA().outputImageProperty().get().width());
        assertEquals(16, vm.pathB().outputImageProperty().get().height());
        assertEquals("", vm.pathB().problemProperty().get());
        assertEquals(2, runner.encoderRuns(), "the preset changed the input scaling");
    }

    @Test
    void theAnalysisFindsTheCheckerboardInTheTransposedPathOnly() {
        AnalysisSummary an = vm.runs().analysisProperty().get();
        assertNotNull(an, "measured after the run");
        double a = an.measures().get(Side.A).getLast().phase(), b = an.measures().get(Side.B).getLast().phase();
        assertTrue(b > 0.5 && b > a, "output phase measure (tiny 16x16 crop, so A is not near 0): A " + a + ", B " + b);
        assertTrue(an.overlaps().get(Side.B).stream().anyMatch(o -> o.distinct().length > 1), "k3 s2 overlaps unevenly");
        assertTrue(an.overlaps().get(Side.A).stream().allMatch(o -> o.distinct().length == 1), "resize is uniform");
        assertNotNull(an.difference(), "same shapes: a difference map");
        assertTrue(vm.aboutProperty().get().stream().anyMatch(p -> p.text().startsWith("Checkerboard")
                && p.text().contains("Path B's")), vm.aboutProperty().get().toString());
    }

    @Test
    void aDecoderOnlyChangeDoesNotRunTheEncoderAgain() {
        int[] before = vm.pathB().outputImageProperty().get().pixels().clone();
        vm.rerollSeed(Side.B);
        assertEquals(1, runner.encoderRuns(), "changing path B's seed must reuse the cached encoder output");
        assertEquals(2, runner.decoderRuns(Side.B));
        assertEquals(1, runner.decoderRuns(Side.A), "path A did not change and must come from the cache");
        assertFalse(Arrays.equals(before, vm.pathB().outputImageProperty().get().pixels()), "new weights, new output");

        vm.setScaling(InputScaling.SYMMETRIC_MINUS1_1);
        assertEquals(2, runner.encoderRuns(), "a new input scaling changes the encoder's input");
    }

    @Test
    void movingTheCropRunsAgainOnTheNewPixels() {
        vm.image().moveCrop(3, 0);
        assertEquals(new Crop(7, 4, 16, 16), vm.image().crop());
        assertEquals(2, runner.encoderRuns());
    }

    @Test
    void theOriginalReportSaysWhyPathBHasNoImageOfTheCropSize() {
        vm.applyPreset(Preset.ORIGINAL_REPORT);
        String problem = vm.pathB().problemProperty().get();
        assertFalse(problem.isEmpty(), "stride-1 Deconvolution2D cannot give a 16x16 output");
        assertTrue(problem.contains("16"), problem);
        assertEquals("", vm.pathA().problemProperty().get());
        assertTrue(vm.aboutProperty().get().stream().anyMatch(p -> p.level() != AboutComparison.Level.INFO
                && p.text().contains("raw 0..255")), "raw input saturates the sigmoid: " + vm.aboutProperty().get());
    }

    @Test
    void aBrokenImageKeepsThePreviousOne() throws Exception {
        Picture before = vm.image().picture();
        Crop crop = vm.image().crop();
        assertFalse(vm.openFile(TestImages.broken(dir)));
        assertSame(before, vm.image().picture());
        assertEquals(crop, vm.image().crop());
        assertTrue(vm.messageProperty().get().contains("broken.png"), vm.messageProperty().get());
        assertEquals(1, runner.encoderRuns(), "nothing new to run");
    }

    @Test
    void theGridHasOneTilePerFilterOfTheSelectedLayer() {
        for (LayerRow l : vm.pathA().layersProperty()) {
            vm.pathA().selectedLayerProperty().set(l);
            assertEquals(l.filters(), vm.pathA().grid().layout().tiles(), l.name());
            assertEquals(l.filters(), vm.pathA().grid().scales().length);
        }
    }

    @Test
    void selectingALayerSelectsTheMatchingStageOfTheOtherPath() {
        LayerRow encoderLayer = vm.pathA().layersProperty().get(1);
        vm.pathA().selectedLayerProperty().set(encoderLayer);
        assertEquals(encoderLayer.name(), vm.pathB().selectedLayer().name(), "the encoder is shared");
        for (LayerRow l : vm.pathB().layersProperty()) {
            vm.pathB().selectedLayerProperty().set(l);
            assertEquals(l.info().stage(), vm.pathA().selectedLayer().info().stage(), l.name());
        }
    }

    @Test
    void sharedNormalisationSpansBothPaths() {
        vm.normalizationProperty().set(Normalization.SHARED);
        var a = vm.pathA().grid().legend().range();
        var b = vm.pathB().grid().legend().range();
        assertEquals(a, b);
        vm.normalizationProperty().set(Normalization.PER_LAYER);
        assertNotEquals(vm.pathA().grid().legend().range(), vm.pathB().grid().legend().range());
    }

    @Test
    void editedSettingsBecomeCustomAndKeepTheirExplanation() {
        PathConfig b = vm.settings().pathB();
        vm.setPath(Side.B, b.withInit(b.init().withSeed(42)));
        assertEquals(null, vm.presetProperty().get());
        assertTrue(vm.presetExplanationProperty().get().startsWith("Custom"));
    }

    @Test
    void settingsAndTheLastSessionAreRestoredAtTheNextStart() throws Exception {
        vm.colorMapProperty().set(ColorMap.MAGMA);
        vm.darkThemeProperty().set(true);
        vm.rerollSeed(Side.B);
        long seed = vm.settings().pathB().init().seed();
        LayerRow deep = vm.pathB().layersProperty().get(vm.pathB().layersProperty().size() - 2);
        vm.pathB().selectedLayerProperty().set(deep);
        vm.saveSettings(Map.of("window.width", "1200"));

        ExperimentRunner fresh = new ExperimentRunner();
        MainViewModel again = new MainViewModel(Background.DIRECT, new SettingsStore(dir.resolve("settings.properties")), fresh);
        again.openStartImage();
        assertEquals(ColorMap.MAGMA, again.colorMapProperty().get());
        assertTrue(again.darkThemeProperty().get());
        assertEquals("1200", again.savedSettings().get("window.width"));
        assertEquals(new Crop(4, 4, 16, 16), again.image().crop());
        assertEquals(seed, again.settings().pathB().init().seed());
        assertEquals(deep.name(), again.pathB().selectedLayer().name());
        assertTrue(again.pathB().selectedLayer().activation().sameValues(deep.activation()),
                "the restored session computes the same activations");
        assertEquals(1, fresh.encoderRuns(), "restoring runs once");

        // reset opens the raccoon at the report's 512 crop: leave that run unstarted
        Background idle = new Background() {
            @Override
            public <T> Handle submit(Job<T> job, Progress progress, java.util.function.Consumer<T> onDone,
                    java.util.function.Consumer<Throwable> onFailed) {
                return Handle.DONE;
            }
        };
        MainViewModel third = new MainViewModel(idle, new SettingsStore(dir.resolve("settings.properties")), fresh);
        third.resetToDefaults();
        assertFalse(java.nio.file.Files.exists(third.lastSessionFile()));
        assertFalse(java.nio.file.Files.exists(dir.resolve("settings.properties")));
        assertEquals(Preset.ORIGINAL_REPORT, third.presetProperty().get());
        assertEquals(ColorMap.VIRIDIS, third.colorMapProperty().get());
        assertEquals(new Crop(200, 50, 512, 512), third.image().crop(), "the report's crop of the raccoon");
    }

    @Test
    void exportsWriteFilesAndNeverReplaceWithoutBeingAsked() throws Exception {
        Path out = java.nio.file.Files.createDirectories(dir.resolve("out"));
        var files = vm.exports().exportGrids(out, false);
        assertEquals(2, files.size());
        for (Path f : files) {
            assertTrue(java.nio.file.Files.size(f) > 100, f.toString());
            assertTrue(java.nio.file.Files.exists(dev.decoderlens.export.ExportService.sidecarOf(f)));
        }
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> vm.exports().exportGrids(out, false));
        assertEquals(2, vm.exports().exportGrids(out, true).size());
        var npy = vm.exports().exportActivations(Side.A, true, out, false);
        assertEquals(vm.pathA().run().layers().size(), npy.size());
        vm.exports().saveSession(out.resolve("s.json"), false);
        assertTrue(vm.exports().openSession(out.resolve("s.json")).isEmpty(), "same image bytes: no warning");
    }

    /** Runs every job inline, as {@link Background#DIRECT}, and counts them. */
    private static final class CountingBackground implements Background {
        int jobs;

        @Override
        public <T> Handle submit(Job<T> job, Progress progress, java.util.function.Consumer<T> onDone,
                java.util.function.Consumer<Throwable> onFailed) {
            jobs++;
            return DIRECT.submit(job, progress, onDone, onFailed);
        }
    }

    @Test
    void aNewRunDrawsEachPathsGridOnce() throws Exception {
        CountingBackground counting = new CountingBackground();
        MainViewModel v = new MainViewModel(counting, new SettingsStore(dir.resolve("other.properties")), new ExperimentRunner());
        v.applyPreset(Preset.CHECKERBOARD_K3S2);
        assertTrue(v.openFile(TestImages.gradient(dir, "h.png", 40, 36), new Crop(4, 4, 16, 16)));
        counting.jobs = 0;
        v.rerollSeed(Side.B);
        // each path selects its layer in the new run, which redraws both grids, and then the run redraws them again
        assertEquals(4, counting.jobs, "the run, one grid per path and the analysis");
        assertNotNull(v.pathA().grid());
        assertNotNull(v.pathB().grid());
    }

    @Test
    void theRunBegunAtLaunchIsTheWindowsFirstRun() throws Exception {
        vm.rerollSeed(Side.B);
        vm.saveSettings(Map.of());
        SettingsStore store = new SettingsStore(dir.resolve("settings.properties"));
        ExperimentRunner launch = new ExperimentRunner();
        FirstRun first = FirstRun.begin(store, launch);
        first.awaitDone(); // else the window's run could take the runner first, and the test would prove nothing
        MainViewModel again = new MainViewModel(Background.DIRECT, store, launch, first);
        again.openStartImage();
        assertEquals(1, launch.encoderRuns());
        assertFalse(again.runs().result().encoder().fromCache(), "the window took over the run begun at launch");
        // the same study as the window computes (on a cold JIT without Winograd's transforms: equal to rounding)
        float[] launched = again.runs().result().pathB().output().toNhwc().data(), window = vm.runs().result().pathB().output().toNhwc().data();
        assertEquals(window.length, launched.length);
        for (int i = 0; i < window.length; i++) {
            assertEquals(window[i], launched[i], 1e-5f, "the same study as the window computes, at " + i);
        }

        again.image().moveCrop(4, 0);
        assertEquals(2, launch.encoderRuns(), "a later run is computed as usual");
        again.image().moveCrop(-4, 0);
        assertEquals(3, launch.encoderRuns(), "the launch's result is handed over once only");
    }

    @Test
    void theRunBegunAtLaunchForeseesWhatTheWindowOpens() throws Exception {
        Background idle = new Background() {
            @Override
            public <T> Handle submit(Job<T> job, Progress progress, java.util.function.Consumer<T> onDone,
                    java.util.function.Consumer<Throwable> onFailed) {
                return Handle.DONE;
            }
        };
        for (boolean remembered : new boolean[] {true, false}) {
            SettingsStore store = new SettingsStore(dir.resolve(remembered ? "settings.properties" : "fresh.properties"));
            if (remembered) {
                vm.rerollSeed(Side.A);
                vm.saveSettings(Map.of());
            }
            FirstRun.Start foreseen = FirstRun.foresee(store);
            MainViewModel window = new MainViewModel(idle, store, new ExperimentRunner());
            window.openStartImage();
            Crop c = window.image().crop();
            assertEquals(window.image().picture().path().toRealPath(), foreseen.image().toRealPath());
            assertEquals(new Preset.Crop(c.x(), c.y(), c.width(), c.height()), foreseen.crop());
            assertEquals(window.settings(), foreseen.settings());
        }
    }
}
