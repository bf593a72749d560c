package dev.decoderlens.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.decoderlens.app.fx.FramesPresented;
import dev.decoderlens.app.fx.FxBackground;
import dev.decoderlens.app.view.MainView;
import dev.decoderlens.app.vm.FirstRun;
import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.SettingsStore;
import dev.decoderlens.app.vm.StartupClock;
import dev.decoderlens.experiment.ExperimentRunner;
import java.util.Map;
import java.util.Objects;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/** The DecoderLens window: the AtlantaFX theme, the main view and its view model, the remembered window size. */
public final class DecoderLensApp extends Application {
    /** Begun at launch, before the toolkit (see {@link FirstRun}); the runner is the window's. */
    private static ExperimentRunner launchRunner;
    private static FirstRun launchRun = FirstRun.NONE;
    private MainViewModel vm;
    private Stage stage;

    public static void main(String[] args) {
        launchWindow(args);
    }

    /**
     * Opens the window; without a display says so in one line (exit status 1) instead of a toolkit stack trace,
     * as every DecoderLens command reports errors.
     */
    public static void launchWindow(String[] args) {
        StartupClock.mark("main");
        // The first run begun here warms the kernels up on the real work. The synthetic warm-up (KernelWarmUp)
        // would only compete with it and with building the window for the two cores: with it, the first
        // comparison took 9.2-10.8 s in four launches, without it 6.5-10.7 s.
        if (System.getProperty("decoderlens.warmup") == null) {
            System.setProperty("decoderlens.warmup", "false");
        }
        launchRunner = new ExperimentRunner();
        launchRun = FirstRun.begin(SettingsStore.forUser(), launchRunner);
        // That run takes the panel micro-kernels alone (ExperimentRunner.runOnColdJit); the others are compiled once the
        // first comparison is on screen, before the first change asks for them.
        StartupClock.afterFirstComparison(() -> launchRunner.executor().kernels().warmUpInBackground());
        try {
            launch(DecoderLensApp.class, args);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            System.err.println("error: cannot open the window (" + e.getMessage() + "); set DISPLAY, or use the "
                    + "commands that need none: decoderlens infer | render");
            System.exit(1);
        }
    }

    /**
     * Applies the light or dark theme to the whole application. AtlantaFX ships each theme precompiled to JavaFX's
     * binary stylesheet form as well: in a fresh JVM reading it took 94-112 ms against 307-355 ms for parsing the
     * 165 KB of CSS, on the UI thread at launch.
     */
    public static void applyTheme(boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheetBSS() : new PrimerLight().getUserAgentStylesheetBSS());
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        start(stage, SettingsStore.forUser(), true, launchRunner == null ? new ExperimentRunner() : launchRunner, launchRun);
    }

    /** Builds the window; tests pass their own settings store and may skip the first run's sample. */
    public MainViewModel start(Stage stage, SettingsStore store, boolean openDefault) {
        return start(stage, store, openDefault, new ExperimentRunner(), FirstRun.NONE);
    }

    private MainViewModel start(Stage stage, SettingsStore store, boolean openDefault, ExperimentRunner runner, FirstRun first) {
        StartupClock.mark("toolkit up");
        this.stage = stage;
        vm = new MainViewModel(new FxBackground(), store, runner, first);
        applyTheme(vm.darkThemeProperty().get());
        vm.darkThemeProperty().addListener((o, a, dark) -> applyTheme(dark));
        MainView view = new MainView(vm, stage);
        StartupClock.mark("view built");
        Map<String, String> saved = vm.savedSettings();
        // never larger than the screen (a remembered size from a bigger monitor, or a small headless screen)
        var screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double w = Math.min(screen.getWidth(), parse(saved.get("window.width"), 1500));
        double h = Math.min(screen.getHeight(), parse(saved.get("window.height"), 940));
        Scene scene = new Scene(view, w, h);
        if (FramesPresented.available()) { // else the launch time is logged when the FX thread has handed it over
            StartupClock.watchFrames(task -> FramesPresented.afterNextFrame(scene, task));
        }
        scene.getStylesheets().add(Objects.requireNonNull(DecoderLensApp.class.getResource("decoderlens.css")).toExternalForm());
        stage.setTitle("DecoderLens");
        for (int size : new int[] {16, 32, 48, 64, 128, 256}) {
            var url = DecoderLensApp.class.getResource("icon-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new Image(url.toExternalForm()));
            }
        }
        stage.setScene(scene);
        if (Boolean.parseBoolean(saved.get("window.maximized"))) {
            stage.setMaximized(true);
        }
        stage.setOnCloseRequest(e -> vm.saveSettings(Map.of(
                "window.width", Double.toString(scene.getWidth()), "window.height", Double.toString(scene.getHeight()),
                "window.maximized", Boolean.toString(stage.isMaximized()))));
        stage.show();
        StartupClock.mark("window shown");
        StartupClock.whenOnScreen(() -> StartupClock.mark("window on screen"));
        view.installShortcuts(scene);
        if (openDefault) {
            vm.openStartImage();
        }
        return vm;
    }

    private static double parse(String s, double fallback) {
        try {
            return s == null ? fallback : Math.max(640, Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void stop() {
        if (vm != null) {
            vm.shutdown();
        }
    }
}
