package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.PathViewModel;
import dev.decoderlens.app.vm.LayerRow;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;

/** A path's layers (name, type, output shape), selection bound both ways to the path's selected layer. */
final class LayerList extends ListView<LayerRow> {
    private boolean updating;

    LayerList(PathViewModel path) {
        setId("layers" + path.side().name());
        getStyleClass().add("layer-list");
        setItems(path.layersProperty());
        setPrefWidth(215);
        setMinWidth(150);
        setCellFactory(v -> new ListCell<>() {
            private final Label name = Ui.label("", "layer-name");
            private final Label detail = Ui.label("", "layer-detail");
            private final VBox box = new VBox(1, name, detail);

            @Override
            protected void updateItem(LayerRow l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setGraphic(null);
                    return;
                }
                name.setText(l.name());
                detail.setText(l.info().type() + "  " + l.info().shapeText());
                setTooltip(new javafx.scene.control.Tooltip(l.info().title() + "\n" + l.info().arithmetic()
                        + (l.info().warnings().isEmpty() ? "" : "\n" + String.join("\n", l.info().warnings()))));
                setGraphic(box);
            }
        });
        path.selectedLayerProperty().addListener((o, a, l) -> {
            updating = true;
            getSelectionModel().select(l);
            if (l != null) {
                scrollTo(l);
            }
            updating = false;
        });
        getSelectionModel().selectedItemProperty().addListener((o, a, l) -> {
            if (!updating && l != null) {
                path.selectedLayerProperty().set(l);
            }
        });
    }
}
