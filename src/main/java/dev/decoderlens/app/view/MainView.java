package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.PathViewModel;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.Images;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.Clipboard;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

/**
 * The window's content: toolbar, settings sidebar, the four pictures (source with crop, network input, path A,
 * path B), the activation grids with analysis and explanation tabs, and the status bar. Wires drag and drop,
 * paste and shortcuts to the view model; holds no state of its own beyond the controls.
 */
public final class MainView extends BorderPane {
    private final MainViewModel vm;
    private final Stage stage;
    private final ActivationsPane activations;
    /** Made when first opened: its window and scene cost the start about 6% of the UI thread's time. */
    private InspectorWindow inspector;
    private final TabPane lower = new TabPane();
    private final ExportControls exportControls;
    private ModelWindow modelWindow;

    public MainView(MainViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
        setId("mainView");
        getStyleClass().add("main-view");
        activations = new ActivationsPane(vm, (path, filter) -> openInspector(path, filter));

        exportControls = new ExportControls(vm, stage);
        MainToolbar toolbar = new MainToolbar(vm, this);
        toolbar.addActions(exportControls.toolbarItems().toArray(javafx.scene.Node[]::new));
        setTop(new VBox(toolbar, explanationStrip()));
        setLeft(new SettingsSidebar(vm));
        setBottom(new StatusBar(vm.status()));

        lower.setId("lowerTabs");
        lower.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Tab grids = new Tab("Activations", activations);
        grids.setId("activationsTab");
        AnalysisPane analysisPane = new AnalysisPane();
        Tab analysis = new Tab("Analysis", analysisPane);
        analysis.setId("analysisTab");
        Ui.showWhileSelected(analysis, vm.runs().analysisProperty(), analysisPane::show);
        AboutPanel aboutPanel = new AboutPanel();
        Tab about = new Tab("About this comparison", aboutPanel);
        about.setId("aboutTab");
        Ui.showWhileSelected(about, vm.aboutProperty(), aboutPanel::show);
        lower.getTabs().addAll(grids, analysis, about);
        // runs are measured only while a tab shows the measures: a drag or a launch needs the cores more
        vm.runs().analysisWantedProperty().bind(analysis.selectedProperty().or(about.selectedProperty()));

        SplitPane centre = new SplitPane(new PictureRow(vm), lower);
        centre.setOrientation(javafx.geometry.Orientation.VERTICAL);
        centre.setDividerPositions(0.40);
        setCenter(centre);

        setOnDragOver(this::dragOver);
        setOnDragDropped(this::dropped);
    }

    /** Adds an analysis tab (the analysis views are built by their own package's view). */
    public void addLowerTab(Tab t) {
        lower.getTabs().add(lower.getTabs().size() - 1, t);
    }

    public ActivationsPane activations() {
        return activations;
    }

    Stage stage() {
        return stage;
    }

    /** Window-wide shortcuts: open, paste, export, next/previous layer, zoom. */
    public void installShortcuts(Scene scene) {
        var acc = scene.getAccelerators();
        acc.put(KeyCombination.keyCombination("Shortcut+O"), this::chooseImage);
        acc.put(KeyCombination.keyCombination("Shortcut+V"), this::paste);
        acc.put(KeyCombination.keyCombination("Shortcut+Page_Down"), () -> vm.nextLayer(1));
        acc.put(KeyCombination.keyCombination("Shortcut+Page_Up"), () -> vm.nextLayer(-1));
        acc.put(KeyCombination.keyCombination("Alt+Down"), () -> vm.nextLayer(1));
        acc.put(KeyCombination.keyCombination("Alt+Up"), () -> vm.nextLayer(-1));
        acc.put(KeyCombination.keyCombination("Shortcut+Equals"), () -> zoomBy(1.25));
        acc.put(KeyCombination.keyCombination("Shortcut+Add"), () -> zoomBy(1.25));
        acc.put(KeyCombination.keyCombination("Shortcut+Minus"), () -> zoomBy(0.8));
        acc.put(KeyCombination.keyCombination("Shortcut+Subtract"), () -> zoomBy(0.8));
        acc.put(KeyCombination.keyCombination("Shortcut+Digit0"), () -> activations.zoomProperty().set(1));
        acc.put(KeyCombination.keyCombination("F5"), vm::recompute);
        acc.put(KeyCombination.keyCombination("Shortcut+M"), this::openModel);
        acc.put(KeyCombination.keyCombination("Shortcut+E"), exportControls::exportGrids);
        acc.put(KeyCombination.keyCombination("Shortcut+S"), exportControls::saveSession);
        scene.getAccelerators().putIfAbsent(new javafx.scene.input.KeyCodeCombination(KeyCode.F1), this::showShortcuts);
    }

    void zoomBy(double f) {
        activations.zoomProperty().set(Math.max(0.25, Math.min(32, activations.zoomProperty().get() * f)));
    }

    void chooseImage() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open image");
        List<String> patterns = Images.readableSuffixes().stream().map(s -> "*." + s).toList();
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Images", patterns),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = fc.showOpenDialog(stage);
        if (f != null) {
            vm.openFileInBackground(f.toPath());
        }
    }

    /** Pastes an image (or an image file) from the clipboard. */
    void paste() {
        Clipboard cb = Clipboard.getSystemClipboard();
        if (cb.hasFiles() && !cb.getFiles().isEmpty()) {
            vm.openFileInBackground(cb.getFiles().getFirst().toPath());
        } else if (cb.hasImage()) {
            vm.showImage("pasted image", FxPictures.toSource(cb.getImage()));
        }
    }

    void openModel() {
        if (modelWindow == null) {
            modelWindow = new ModelWindow(stage, vm, new dev.decoderlens.app.vm.ModelViewModel(new dev.decoderlens.app.fx.FxBackground()));
        }
        modelWindow.choose();
    }

    void openInspector(PathViewModel path, int filter) {
        if (inspector == null) {
            inspector = new InspectorWindow(stage);
        }
        inspector.show(path, filter);
    }

    void showShortcuts() {
        new ShortcutsDialog(stage).show();
    }

    /** The drag-and-drop handler: the first dropped file goes the same way as a chosen file (read on a worker). */
    public boolean dropFiles(List<File> files) {
        if (files.isEmpty()) {
            return false;
        }
        vm.openFileInBackground(files.getFirst().toPath());
        return true;
    }

    private void dragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
        }
        e.consume();
    }

    private void dropped(DragEvent e) {
        boolean ok = e.getDragboard().hasFiles() && dropFiles(e.getDragboard().getFiles());
        e.setDropCompleted(ok);
        e.consume();
    }

    private VBox explanationStrip() {
        Label explanation = Ui.label("", "preset-explanation");
        explanation.setId("presetExplanation");
        explanation.setWrapText(true);
        explanation.textProperty().bind(vm.presetExplanationProperty());
        Label message = Ui.label("", "banner-message");
        message.setId("message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        HBox strip = new HBox(explanation);
        HBox.setHgrow(explanation, Priority.ALWAYS);
        strip.getStyleClass().add("explanation-strip");
        return new VBox(strip, message);
    }

    static Path path(File f) {
        return f.toPath();
    }

    static String presetLabel(Preset p) {
        return p == null ? "Custom" : p.title();
    }
}
