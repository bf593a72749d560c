package dev.decoderlens.app.view;

import javafx.scene.control.Alert;
import javafx.stage.Window;

/** The list of keyboard shortcuts (F1). */
final class ShortcutsDialog {
    private final Alert alert = new Alert(Alert.AlertType.INFORMATION);

    ShortcutsDialog(Window owner) {
        alert.initOwner(owner);
        alert.setTitle("Keyboard shortcuts");
        alert.setHeaderText("Keyboard shortcuts");
        alert.setContentText(String.join("\n",
                "Ctrl+O            open an image",
                "Ctrl+V            paste an image",
                "Ctrl+E            export the selected layer's grid",
                "Ctrl+S            save the session",
                "Alt+Down / Alt+Up next / previous layer (also Ctrl+PgDn / Ctrl+PgUp)",
                "Ctrl+= / Ctrl+-   zoom the grids in / out, Ctrl+0 fit",
                "Arrow keys        move the crop (Shift: 16 px) when the source image has focus",
                "F5                run again",
                "F1                this list"));
    }

    void show() {
        alert.show();
    }
}
