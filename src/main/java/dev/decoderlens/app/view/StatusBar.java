package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.StatusViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.layout.HBox;

/** Bottom bar: progress of the run per layer, timings, hover readout, kernel set and memory. */
final class StatusBar extends HBox {
    StatusBar(StatusViewModel s) {
        super(10);
        getStyleClass().add("status-bar");
        setId("statusBar");
        ProgressBar bar = new ProgressBar();
        bar.setId("progress");
        bar.setPrefWidth(140);
        bar.progressProperty().bind(s.progressProperty());
        bar.visibleProperty().bind(s.runningProperty());
        Ui.tip(bar, "Progress of the current run, layer by layer");
        Label text = Ui.label("", "status-text");
        text.setId("statusText");
        text.textProperty().bind(s.textProperty());
        Label timings = Ui.label("", "status-muted");
        timings.setId("timings");
        timings.textProperty().bind(s.timingsProperty());
        Label kernel = Ui.label("", "status-muted");
        kernel.setId("kernel");
        kernel.textProperty().bind(s.kernelProperty());
        Label memory = Ui.label("", "status-muted");
        memory.textProperty().bind(s.memoryProperty());
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(bar, text, new Separator(javafx.geometry.Orientation.VERTICAL), timings, Ui.spacer(),
                kernel, new Separator(javafx.geometry.Orientation.VERTICAL), memory);
    }
}
