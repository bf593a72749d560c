package dev.decoderlens.app.vm;

import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.ColorMode;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.InputScaling;
import dev.decoderlens.io.Session;
import dev.decoderlens.io.SourceImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The window's state and commands: the image and crop, the experiment settings (preset or edited), the view
 * settings, both paths, and the run status. Every change that alters what the network computes starts a new run
 * through {@link RunCoordinator}, which cancels the stale one.
 */
public final class MainViewModel {
    private final SettingsStore store;
    private final Background background;
    private boolean syncing;
    private final Map<String, String> saved;
    private final ImageViewModel image;
    private final PathViewModel a = new PathViewModel(Side.A);
    private final PathViewModel b = new PathViewModel(Side.B);
    private final StatusViewModel status = new StatusViewModel();
    private final RunCoordinator runs;
    private final ExportActions exports = new ExportActions(this);

    private final ReadOnlyObjectWrapper<ExperimentSettings> settings = new ReadOnlyObjectWrapper<>(this, "settings");
    private final ReadOnlyObjectWrapper<Preset> preset = new ReadOnlyObjectWrapper<>(this, "preset");
    private final ReadOnlyStringWrapper presetExplanation = new ReadOnlyStringWrapper(this, "presetExplanation", "");
    private final ObjectProperty<ColorMap> colorMap = new SimpleObjectProperty<>(this, "colorMap", ColorMap.VIRIDIS);
    private final ObjectProperty<Normalization> normalization = new SimpleObjectProperty<>(this, "normalization", Normalization.PER_FILTER);
    private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<List<AboutComparison.Point>> about = new ReadOnlyObjectWrapper<>(this, "about", List.of());

    public MainViewModel(Background background, SettingsStore store, ExperimentRunner runner) {
        this(background, store, runner, FirstRun.NONE);
    }

    /** A view model whose first picture and run may already be on their way ({@link FirstRun}, begun at launch). */
    public MainViewModel(Background background, SettingsStore store, ExperimentRunner runner, FirstRun first) {
        this.background = background;
        this.store = store;
        this.saved = store.load();
        this.image = new ImageViewModel(file -> {
            SourceImage read = first.picture(file);
            return Picture.of(file.getFileName().toString(), file, read != null ? read : Images.read(file));
        });
        this.runs = new RunCoordinator(background, runner, a, b, status, first);
        image.messageProperty().addListener((o, x, m) -> message.set(m));
        darkTheme.set(Boolean.parseBoolean(saved.get("theme.dark")));
        colorMap.set(parse(() -> ColorMap.parse(saved.get("view.colormap")), ColorMap.VIRIDIS));
        normalization.set(parse(() -> Normalization.parse(saved.get("view.normalization")), Normalization.PER_FILTER));
        applyPresetSettings(Preset.ORIGINAL_REPORT);
        image.selectionProperty().addListener((o, x, c) -> recompute());
        colorMap.addListener((o, x, m) -> runs.redraw(colorMap.get(), normalization.get()));
        normalization.addListener((o, x, m) -> runs.redraw(colorMap.get(), normalization.get()));
        a.selectedLayerProperty().addListener((o, x, l) -> onLayerSelected(a, b, l));
        b.selectedLayerProperty().addListener((o, x, l) -> onLayerSelected(b, a, l));
        runs.resultProperty().addListener((o, x, r) -> about.set(r == null ? List.of() : AboutComparison.explain(r, null)));
        runs.analysisProperty().addListener((o, x, an) -> {
            if (an != null && runs.result() != null) {
                about.set(AboutComparison.explain(runs.result(), an));
            }
        });
        status.kernelProperty(runner.executor().kernels().name());
    }

    public ImageViewModel image() {
        return image;
    }

    public PathViewModel pathA() {
        return a;
    }

    public PathViewModel pathB() {
        return b;
    }

    public PathViewModel path(Side side) {
        return side == Side.A ? a : b;
    }

    public StatusViewModel status() {
        return status;
    }

    public ReadOnlyObjectProperty<ExperimentSettings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    public ExperimentSettings settings() {
        return settings.get();
    }

    /** The preset the settings came from, or null once the user edited them. */
    public ReadOnlyObjectProperty<Preset> presetProperty() {
        return preset.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty presetExplanationProperty() {
        return presetExplanation.getReadOnlyProperty();
    }

    public ObjectProperty<ColorMap> colorMapProperty() {
        return colorMap;
    }

    public ObjectProperty<Normalization> normalizationProperty() {
        return normalization;
    }

    public BooleanProperty darkThemeProperty() {
        return darkTheme;
    }

    /** A problem to show in the banner (unreadable image, failed run), or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** "About this comparison": why the outputs differ, for the last run. */
    public ReadOnlyObjectProperty<List<AboutComparison.Point>> aboutProperty() {
        return about.getReadOnlyProperty();
    }

    public Map<String, String> savedSettings() {
        return saved;
    }

    public RunCoordinator runs() {
        return runs;
    }

    public ExportActions exports() {
        return exports;
    }

    // ---- commands ----

    /**
     * The start: the last session (image, crop, settings, view) if it still opens, else the bundled raccoon with the
     * report's crop and the current preset.
     */
    public void openStartImage() {
        Path last = lastSessionFile();
        if (Files.isRegularFile(last)) {
            try {
                exports.openSession(last).ifPresent(message::set);
                return;
            } catch (IOException | RuntimeException e) {
                message.set("The last session could not be restored (" + e.getMessage() + "); starting afresh.");
            }
        }
        Path raccoon = Samples.folder() == null ? null : Samples.folder().resolve(Samples.DEFAULT);
        if (raccoon != null) {
            Preset.Crop r = Preset.REPORT_CROP;
            openFile(raccoon, new Crop(r.x(), r.y(), r.width(), r.height()));
        } else {
            message.set("The bundled samples were not found: open an image to start.");
        }
    }

    /** Where the window keeps the session it restores at the next start. */
    public Path lastSessionFile() {
        return lastSessionFile(store);
    }

    static Path lastSessionFile(SettingsStore store) {
        return store.file().resolveSibling("last-session.json");
    }

    /** Applies a session: settings first (no run), then the image and crop (one run), then view and layers. */
    void restore(Session s, Path imageFile) throws IOException {
        Preset p = s.preset() == null ? null : Preset.byId(s.preset()).orElse(null);
        preset.set(p);
        presetExplanation.set(p != null && p.settings().equals(s.settings()) ? p.explanation() : "Custom settings. " + describe(s.settings()));
        settings.set(s.settings());
        image.setStride(s.settings().encoder().totalStride());
        colorMap.set(s.view().colorMap());
        normalization.set(s.view().normalization());
        a.prefer(s.view().layerA());
        b.prefer(s.view().layerB());
        Preset.Crop c = s.crop();
        if (!image.load(imageFile, new Crop(c.x(), c.y(), c.width(), c.height()))) {
            throw new IOException(image.messageProperty().get());
        }
    }

    /** Opens a file (chooser, drag and drop, samples menu all come here). A failure keeps the current image. */
    public boolean openFile(Path file) {
        return openFile(file, null);
    }

    /**
     * Opens a file without blocking the UI thread (chooser, drag and drop, samples menu): decoding happens on a
     * worker; the picture, or the reason it cannot be read, arrives on the UI thread.
     */
    public void openFileInBackground(Path file) {
        image.loadInBackground(background, file, null);
    }

    /** Opens a file with a crop to restore (null: a centred one). */
    public boolean openFile(Path file, Crop crop) {
        return image.load(file, crop);
    }

    /**
     * Shows an image that did not come from a file (the clipboard). It is kept as a PNG in the config folder so
     * that sessions and export sidecars can refer to it like any other image.
     */
    public boolean showImage(String name, SourceImage img) {
        try {
            Path dir = store.file().resolveSibling("pasted");
            Files.createDirectories(dir);
            Path file = dir.resolve("pasted-" + Long.toHexString(img.contentHash()) + ".png");
            java.awt.image.BufferedImage bi = new java.awt.image.BufferedImage(img.width(), img.height(), java.awt.image.BufferedImage.TYPE_INT_RGB);
            bi.setRGB(0, 0, img.width(), img.height(), img.argb(), 0, img.width());
            javax.imageio.ImageIO.write(bi, "png", file.toFile());
            return openFile(file);
        } catch (IOException e) {
            return image.show(Picture.of(name, null, img), null);
        }
    }

    public void applyPreset(Preset p) {
        applyPresetSettings(p);
        recompute();
    }

    private void applyPresetSettings(Preset p) {
        preset.set(p);
        presetExplanation.set(p.explanation());
        settings.set(p.settings());
        image.setStride(p.settings().encoder().totalStride());
    }

    /** Replaces the settings (any panel edit); the preset label turns to "custom". */
    public void setSettings(ExperimentSettings s) {
        if (s.equals(settings.get())) {
            return;
        }
        settings.set(s);
        preset.set(null);
        presetExplanation.set("Custom settings. " + describe(s));
        image.setStride(s.encoder().totalStride());
        recompute();
    }

    public void setPath(Side side, PathConfig p) {
        setSettings(settings.get().withPath(side, p));
    }

    public void setScaling(InputScaling s) {
        setSettings(settings.get().withScaling(s));
    }

    public void setColorMode(ColorMode m) {
        setSettings(settings.get().withColorMode(m));
    }

    /** A new random seed for one path's weights. */
    public void rerollSeed(Side side) {
        PathConfig p = settings.get().path(side);
        long seed = p.init().seed() + 1 + (long) (Math.random() * 1000);
        setPath(side, p.withInit(p.init().withSeed(seed)));
    }

    /** Starts a run for the current crop and settings (see {@link RunCoordinator} for what happens to one under way). */
    public void recompute() {
        ImageViewModel.Selection sel = image.selectionProperty().get();
        if (sel == null || sel.picture() == null || sel.crop() == null) {
            return;
        }
        runs.start(sel, settings.get(), colorMap.get(), normalization.get());
    }

    public void nextLayer(int delta) {
        a.step(delta);
    }

    /** Forgets remembered settings and returns to the start: raccoon, original report, default view. */
    public void resetToDefaults() {
        try {
            store.clear();
        } catch (IOException e) {
            message.set("Could not remove " + store.file() + ": " + e.getMessage());
        }
        saved.clear();
        try {
            Files.deleteIfExists(lastSessionFile());
        } catch (IOException e) {
            message.set("Could not remove " + lastSessionFile() + ": " + e.getMessage());
        }
        colorMap.set(ColorMap.VIRIDIS);
        normalization.set(Normalization.PER_FILTER);
        darkTheme.set(false);
        applyPresetSettings(Preset.ORIGINAL_REPORT);
        openStartImage();
        recompute();
    }

    /** Writes what the next start restores; window geometry comes from the view. */
    public void saveSettings(Map<String, String> window) {
        Map<String, String> m = new HashMap<>(window);
        m.put("theme.dark", Boolean.toString(darkTheme.get()));
        m.put("view.colormap", colorMap.get().id());
        m.put("view.normalization", normalization.get().id());
        if (exports.ready()) {
            try {
                exports.saveSession(lastSessionFile(), true);
            } catch (IOException | RuntimeException e) {
                message.set("Could not remember the session: " + e.getMessage());
            }
        }
        try {
            store.save(m);
        } catch (IOException e) {
            message.set("Could not save settings to " + store.file() + ": " + e.getMessage());
        }
    }

    public void shutdown() {
        runs.cancel();
    }

    /**
     * A layer was selected in one path: the other path follows to the matching layer (without bouncing back), and
     * the grids are redrawn: both when they share one colour scale.
     */
    private void onLayerSelected(PathViewModel from, PathViewModel other, LayerRow l) {
        if (syncing) {
            return;
        }
        syncing = true;
        try {
            if (l != null) {
                other.selectMatching(l);
            }
        } finally {
            syncing = false;
        }
        runs.redrawGrid(from, colorMap.get(), normalization.get());
        if (other.selectedLayer() != null) {
            runs.redrawGrid(other, colorMap.get(), normalization.get());
        }
    }

    static String describe(ExperimentSettings s) {
        return "A: " + s.pathA().describe() + ". B: " + s.pathB().describe() + ".";
    }

    private static <T> T parse(java.util.function.Supplier<T> f, T fallback) {
        try {
            return f.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
