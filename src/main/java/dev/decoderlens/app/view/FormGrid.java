package dev.decoderlens.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** A two-column form (label, control) whose rows can be hidden when they do not apply, leaving no gap. */
final class FormGrid extends VBox {
    private final List<HBox> rows = new ArrayList<>();

    FormGrid() {
        super(6);
        getStyleClass().add("form-grid");
    }

    /** Adds a row and returns its index for {@link #showRow}. */
    int add(String label, Node control) {
        Label l = Ui.label(label, "form-label");
        l.setLabelFor(control);
        l.setMinWidth(84);
        l.setPrefWidth(84);
        if (control instanceof Region reg) {
            reg.setMaxWidth(Double.MAX_VALUE);
        }
        HBox row = new HBox(8, l, control);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        rows.add(row);
        getChildren().add(row);
        return rows.size() - 1;
    }

    void showRow(int r, boolean show) {
        rows.get(r).setVisible(show);
        rows.get(r).setManaged(show);
    }
}
