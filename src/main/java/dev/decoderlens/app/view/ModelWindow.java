package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.ModelViewModel;
import dev.decoderlens.app.vm.Picture;
import java.io.File;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Open model": the user's ONNX or Keras model run on the current crop, its layers listed with a filter grid and
 * hover values like a built-in path. It follows the crop: every finished run of the main window runs it again.
 */
final class ModelWindow {
    private final Stage stage = new Stage();
    private final ModelViewModel model;
    private final MainViewModel vm;

    ModelWindow(Window owner, MainViewModel vm, ModelViewModel model) {
        this.vm = vm;
        this.model = model;
        stage.initOwner(owner);
        stage.setTitle("Model");
        ListView<ModelViewModel.ModelLayer> list = new ListView<>(model.layersProperty());
        list.setId("modelLayers");
        list.setPrefWidth(230);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ModelViewModel.ModelLayer l, boolean empty) {
                super.updateItem(l, empty);
                setText(empty || l == null ? null : l.name() + "\n" + l.opType() + "  " + l.shapeText());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, l) -> {
            if (l != null) {
                model.selectedProperty().set(l);
            }
        });
        model.selectedProperty().addListener((o, a, l) -> list.getSelectionModel().select(l));
        GridView grid = new GridView();
        grid.setId("modelGrid");
        grid.pictureProperty().bind(model.gridProperty());
        Label hover = Ui.label("", "grid-hover");
        grid.hoverHitProperty().addListener((o, a, h) -> {
            ModelViewModel.ModelLayer l = model.selectedProperty().get();
            hover.setText(h == null || l == null ? "" : String.format(Locale.ROOT, "%s · filter %d · (x %d, y %d) = %.5g",
                    l.name(), h.filter(), h.mapX(), h.mapY(), l.activation().get(0, h.filter(), h.mapY(), h.mapX())));
        });
        ColorBarView bar = new ColorBarView(160);
        model.gridProperty().addListener((o, a, g) -> bar.show(g == null ? null : g.legend()));
        Label message = Ui.label("", "preset-explanation");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());
        VBox top = new VBox(4, message, bar);
        top.setPadding(new Insets(8, 12, 8, 12));
        VBox centre = new VBox(grid, hover);
        VBox.setVgrow(grid, Priority.ALWAYS);
        BorderPane root = new BorderPane(centre, top, null, null, list);
        root.getStyleClass().add("inspector");
        Scene scene = new Scene(root, 1000, 700);
        if (owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        vm.runs().resultProperty().addListener((o, a, r) -> runOnCrop());
    }

    /** Asks for a model file, opens it and runs it on the current crop. */
    void choose() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Open model");
        fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Models", "*.onnx", "*.h5", "*.hdf5", "*.keras", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*.*"));
        File f = fc.showOpenDialog(stage.getOwner());
        if (f != null) {
            model.open(f.toPath());
            stage.setTitle("Model · " + f.getName());
            stage.show();
            runOnCrop();
        }
    }

    private void runOnCrop() {
        var sel = vm.runs().resultSelection();
        if (sel == null || model.modelProperty().get() == null) {
            return;
        }
        Picture p = sel.picture();
        var c = sel.crop();
        model.run(p.image().crop(c.x(), c.y(), c.width(), c.height()), vm.settings().scaling(),
                vm.colorMapProperty().get(), vm.normalizationProperty().get());
    }
}
