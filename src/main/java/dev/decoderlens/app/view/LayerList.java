package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.PathViewModel;
import dev.decoderlens.app.vm.LayerRow;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
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
            /**
             * One per cell, its text replaced: every run refills the list, and a new tooltip per cell per run (a popup
             * control, styled) was a seventh of the UI thread's time during a crop drag.
             */
            private Tooltip tip;

            @Override
            protected void updateItem(LayerRow l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                name.setText(l.name());
                detail.setText(l.info().type() + "  " + l.info().shapeText());
                if (tip == null) {
                    tip = new Tooltip();
                }
                tip.setText(l.info().title() + "\n" + l.info().arithmetic()
                        + (l.info().warnings().isEmpty() ? "" : "\n" + String.join("\n", l.info().warnings())));
                setTooltip(tip);
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
