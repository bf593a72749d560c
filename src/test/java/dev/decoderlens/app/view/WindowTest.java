package dev.decoderlens.app.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.app.DecoderLensApp;
import dev.decoderlens.app.vm.Crop;
import dev.decoderlens.app.vm.LayerRow;
import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.Picture;
import dev.decoderlens.app.vm.Samples;
import dev.decoderlens.app.vm.SettingsStore;
import dev.decoderlens.app.vm.TestImages;
import dev.decoderlens.experiment.Preset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window, headless (Monocle), on small crops of the bundled raccoon so every run takes a moment. Given a
 * started window, when the user does something, then the window shows it.
 */
@ExtendWith(ApplicationExtension.class)
class WindowTest {
    static {
        // Monocle's headless screen is 1280x800 unless told otherwise: room for the whole window
        System.setProperty("headless.geometry", "1600x1000-32");
    }

    @TempDir
    static Path dir;
    MainViewModel vm;
    MainView view;

    @Start
    void start(Stage stage) throws Exception {
        Path config = Files.createTempDirectory("decoderlens-window-test");
        vm = new DecoderLensApp().start(stage, new SettingsStore(config.resolve("settings.properties")), false);
        view = (MainView) stage.getScene().getRoot();
    }

    @BeforeEach
    void openRaccoon(FxRobot robot) {
        Path raccoon = Samples.folder().resolve(Samples.DEFAULT);
        robot.interact(() -> vm.openFile(raccoon, new Crop(400, 200, 32, 32)));
        waitForRun(robot);
    }

    private void waitForRun(FxRobot robot) {
        await(() -> !vm.status().isRunning() && vm.runs().result() != null
                && vm.pathA().grid() != null && vm.pathB().grid() != null);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void await(BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (Exception e) {
            throw new AssertionError("timed out waiting", e);
        }
    }

    @Test
    void startsOnTheOriginalReportWithBothOutputsDrawn(FxRobot robot) {
        assertEquals(Preset.ORIGINAL_REPORT, vm.presetProperty().get());
        assertEquals("DecoderLens", ((Stage) view.getScene().getWindow()).getTitle());
        assertFalse(((Stage) view.getScene().getWindow()).getIcons().isEmpty(), "the app icon is set");
        ImageView a = robot.lookup("#outputAImage").queryAs(ImageView.class);
        ImageView b = robot.lookup("#outputBImage").queryAs(ImageView.class);
        assertNotNull(a.getImage());
        assertNotNull(b.getImage());
        assertEquals(32, a.getImage().getWidth());
        assertTrue(robot.lookup(".card-problem").queryAllAs(Label.class).stream().anyMatch(l -> l.isVisible()
                && l.getText().contains("not")), "path B says in words why it has no 32x32 image");
        Label explanation = robot.lookup("#presetExplanation").queryAs(Label.class);
        assertEquals(Preset.ORIGINAL_REPORT.explanation(), explanation.getText());
    }

    @Test
    void theAnalysisAndAboutTabsAreBuiltWhenShownWithTheLatestRun(FxRobot robot) {
        await(() -> vm.runs().result() != null && vm.aboutProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#checkerboardTable").tryQuery().isEmpty(), "a hidden analysis tab is not built");
        assertNull(vm.runs().analysisProperty().get(), "nor is the run measured while no tab shows the measures");
        robot.clickOn(robot.lookup(".tab-label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("Analysis")).findFirst().orElseThrow());
        await(() -> vm.runs().analysisProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var table = robot.lookup("#checkerboardTable").queryAs(javafx.scene.layout.GridPane.class);
        assertTrue(table.isVisible());
        int layers = vm.runs().analysisProperty().get().measures().values().stream().mapToInt(List::size).sum();
        assertEquals(7 * (layers + 1), table.getChildren().size(), "a header row and a row per measured layer");

        // a new run while the tab is shown rebuilds it; the about tab, shown next, has the new run's sentences
        var before = vm.runs().analysisProperty().get();
        robot.interact(() -> vm.applyPreset(Preset.CHECKERBOARD_K3S2));
        waitForRun(robot);
        await(() -> vm.runs().analysisProperty().get() != null && vm.runs().analysisProperty().get() != before
                && vm.aboutProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotSame(table, robot.lookup("#checkerboardTable").queryAs(javafx.scene.layout.GridPane.class));
        robot.clickOn(robot.lookup(".tab-label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("About this comparison")).findFirst().orElseThrow());
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = robot.lookup("#aboutPanel .label").queryAllAs(Label.class).stream().map(Label::getText).toList();
        for (var point : vm.aboutProperty().get()) {
            assertTrue(shown.contains(point.text()), "the about tab shows: " + point.text());
        }
        assertTrue(vm.aboutProperty().get().stream().anyMatch(p -> p.text().startsWith("Checkerboard")), "with the measures' sentences");

        // back on the activations, a new run is not measured
        robot.clickOn(robot.lookup(".tab-label").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("Activations")).findFirst().orElseThrow());
        var measured = vm.runs().result();
        robot.interact(() -> vm.applyPreset(Preset.FIXED_STRIDES));
        waitForRun(robot);
        await(() -> vm.runs().result() != measured);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(vm.runs().analysisProperty().get());
    }

    @Test
    void droppingAFileLoadsItAndABrokenOneKeepsThePrevious(FxRobot robot) throws Exception {
        Path gradient = TestImages.gradient(dir, "drop.png", 48, 40);
        robot.interact(() -> assertTrue(view.dropFiles(List.of(gradient.toFile()))));
        await(() -> vm.image().picture().name().equals("drop.png"));
        waitForRun(robot);
        Picture dropped = vm.image().picture();
        assertEquals("drop.png", dropped.name());
        assertEquals(40, vm.runs().resultSelection().picture().height());

        Path broken = TestImages.broken(dir);
        robot.interact(() -> view.dropFiles(List.of(broken.toFile())));
        Label message = robot.lookup("#message").queryAs(Label.class);
        await(() -> message.getText().contains("broken.png") && !message.getText().startsWith("Opening"));
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(dropped, vm.image().picture());
        assertTrue(message.isVisible());
        assertTrue(message.getText().contains("broken.png"), message.getText());
    }

    @Test
    void arrowKeysMoveTheCrop(FxRobot robot) {
        Crop before = vm.image().crop();
        robot.clickOn("#cropView");
        robot.type(KeyCode.RIGHT);
        robot.press(KeyCode.SHIFT).type(KeyCode.DOWN).release(KeyCode.SHIFT);
        assertEquals(new Crop(before.x() + 1, before.y() + 16, 32, 32), vm.image().crop());
        waitForRun(robot);
        assertEquals(vm.image().crop(), vm.runs().resultSelection().crop(), "the run follows the crop");
    }

    @Test
    void switchingPresetsChangesSettingsAndExplanation(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ComboBox<Preset> presets = robot.lookup("#preset").queryAs(ComboBox.class);
        robot.clickOn(presets);
        robot.clickOn(Preset.CHECKERBOARD_K3S2.title());
        waitForRun(robot);
        assertEquals(Preset.CHECKERBOARD_K3S2.settings(), vm.runs().result().settings());
        assertEquals(Preset.CHECKERBOARD_K3S2.explanation(), robot.lookup("#presetExplanation").queryAs(Label.class).getText());
    }

    @Test
    void selectingALayerShowsOneTilePerFilterAndAClickOpensTheInspector(FxRobot robot) {
        @SuppressWarnings("unchecked")
        ListView<LayerRow> layers = robot.lookup("#layersA").queryAs(ListView.class);
        LayerRow conv4 = layers.getItems().stream().filter(l -> l.filters() == 256).findFirst().orElseThrow();
        robot.interact(() -> layers.scrollTo(conv4));
        robot.clickOn(robot.lookup(".layer-name").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals(conv4.name())).findFirst().orElseThrow());
        await(() -> vm.pathA().grid() != null && vm.pathA().grid().layout().tiles() == 256);
        assertEquals(conv4.name(), vm.pathA().selectedLayer().name());
        assertEquals(conv4.name(), vm.pathB().selectedLayer().name(), "the shared encoder layer is selected in path B too");
        WaitForAsyncUtils.waitForFxEvents();

        GridView grid = robot.lookup("#gridA").queryAs(GridView.class);
        robot.clickOn(grid.tileCentreOnScreen(17));
        WaitForAsyncUtils.waitForFxEvents();
        Window inspector = robot.listWindows().stream().filter(w -> w.getScene() != null
                && w.getScene().getRoot().getId() != null && w.getScene().getRoot().getId().equals("inspector")).findFirst().orElseThrow();
        assertTrue(inspector.isShowing());
        assertTrue(((Stage) inspector).getTitle().startsWith("Filter 17 "), ((Stage) inspector).getTitle());
        assertNotNull(robot.lookup("#inspectorMap").queryAs(ImageView.class).getImage());
    }

    @Test
    void rerollingPathBSeedDoesNotRunTheEncoderAgain(FxRobot robot) {
        int encoderRuns = vm.runs().runner().encoderRuns();
        int pathB = vm.runs().runner().decoderRuns(dev.decoderlens.experiment.ExperimentSettings.Side.B);
        long seed = vm.settings().pathB().init().seed();
        javafx.scene.control.ScrollPane sidebar = robot.lookup("#sidebar").queryAs(javafx.scene.control.ScrollPane.class);
        robot.interact(() -> sidebar.setVvalue(sidebar.getVmax()));
        robot.clickOn("#pathBReroll");
        waitForRun(robot);
        assertNotEquals(seed, vm.runs().result().settings().pathB().init().seed());
        assertEquals(encoderRuns, vm.runs().runner().encoderRuns(), "the encoder output came from the cache");
        assertEquals(pathB + 1, vm.runs().runner().decoderRuns(dev.decoderlens.experiment.ExperimentSettings.Side.B));
    }
}
