package dev.decoderlens.app.view;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** A two-column form (label, control) whose rows can be hidden as a group when they do not apply. */
final class FormGrid extends GridPane {
    private final List<Node[]> rows = new ArrayList<>();

    FormGrid() {
        getStyleClass().add("form-grid");
        setHgap(8);
        setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(84);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setFillWidth(true);
        getColumnConstraints().addAll(labels, controls);
    }

    /** Adds a row and returns its index for {@link #showRow}. */
    int add(String label, Node control) {
        Label l = Ui.label(label, "form-label");
        l.setLabelFor(control);
        int r = rows.size();
        add(l, 0, r);
        add(control, 1, r);
        if (control instanceof javafx.scene.layout.Region reg) {
            reg.setMaxWidth(Double.MAX_VALUE);
        }
        rows.add(new Node[] {l, control});
        return r;
    }

    void showRow(int r, boolean show) {
        for (Node n : rows.get(r)) {
            n.setVisible(show);
            n.setManaged(show);
        }
    }
}
