package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.Samples;
import dev.decoderlens.experiment.Preset;
import java.nio.file.Path;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;

/** The toolbar: images, presets, exports and sessions, theme, and the window menu. */
final class MainToolbar extends ToolBar {
    private final ComboBox<Preset> preset = new ComboBox<>();
    private boolean updating;

    MainToolbar(MainViewModel vm, MainView view) {
        setId("toolbar");
        getStyleClass().add("main-toolbar");
        Label brand = new Label("DecoderLens");
        brand.getStyleClass().add("brand");

        MenuButton samples = new MenuButton("Samples", Ui.icon(Feather.IMAGE));
        samples.setId("samples");
        Ui.tip(samples, "Bundled sample photographs (public domain / CC0, see assets/samples/SOURCES.md)");
        for (Path p : Samples.list()) {
            MenuItem item = new MenuItem(p.getFileName().toString());
            String src = Samples.source(p);
            if (!src.isEmpty()) {
                item.setText(p.getFileName() + "  —  " + src.split(";")[0]);
            }
            item.setOnAction(e -> vm.openFileInBackground(p));
            samples.getItems().add(item);
        }

        preset.setId("preset");
        preset.getItems().addAll(Preset.values());
        preset.setConverter(PathPanel.converter(MainView::presetLabel));
        preset.setPromptText("Custom");
        preset.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(Preset p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.title());
                setTooltip(empty || p == null ? null : new Tooltip(p.id() + ": " + p.explanation()));
            }
        });
        preset.setPrefWidth(250);
        Ui.tip(preset, "Starting points: the original report, then one idea changed at a time");
        preset.setValue(vm.presetProperty().get());
        vm.presetProperty().addListener((o, a, p) -> {
            updating = true;
            preset.setValue(p);
            updating = false;
        });
        preset.valueProperty().addListener((o, a, p) -> {
            if (!updating && p != null) {
                vm.applyPreset(p);
            }
        });

        ToggleButton theme = new ToggleButton(null, Ui.icon(Feather.MOON));
        theme.setId("themeToggle");
        theme.getStyleClass().add("button-icon");
        theme.selectedProperty().bindBidirectional(vm.darkThemeProperty());
        theme.setTooltip(new Tooltip("Dark theme"));

        MenuButton more = new MenuButton(null, Ui.icon(Feather.MORE_VERTICAL));
        more.setId("moreMenu");
        more.getStyleClass().add("button-icon");
        MenuItem reset = new MenuItem("Reset to defaults");
        reset.setId("resetDefaults");
        reset.setOnAction(e -> vm.resetToDefaults());
        MenuItem keys = new MenuItem("Keyboard shortcuts (F1)");
        keys.setOnAction(e -> view.showShortcuts());
        more.getItems().addAll(reset, keys);
        Ui.tip(more, "More: reset settings, keyboard shortcuts");

        getItems().addAll(brand, new Separator(),
                Ui.button("openImage", Feather.FOLDER, "Open", "Open an image file (Ctrl+O); you can also drop a file on the window or paste (Ctrl+V)", view::chooseImage),
                samples,
                Ui.iconButton("paste", Feather.CLIPBOARD, "Paste an image from the clipboard (Ctrl+V)", view::paste),
                Ui.button("openModel", Feather.BOX, "Model", "Open your own ONNX or Keras model and browse its layers on the current crop (Ctrl+M)", view::openModel),
                new Separator(), Ui.label("Preset", "toolbar-label"), preset,
                Ui.iconButton("rerun", Feather.REFRESH_CW, "Run again (F5)", vm::recompute),
                new Separator(), Ui.spacer(), theme, more);
    }

    /** The toolbar items after the preset (exports, sessions) are added by the export actions. */
    void addActions(javafx.scene.Node... nodes) {
        int at = getItems().size() - 3;
        getItems().addAll(at, java.util.List.of(nodes));
    }
}
