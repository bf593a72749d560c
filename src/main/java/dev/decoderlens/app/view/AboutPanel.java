package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.AboutComparison;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * "About this comparison": why the two outputs differ under the current settings, in sentences built from the
 * run (stride and kernel overlap, initialisation, input scaling, output saturation, shape warnings).
 */
final class AboutPanel extends ScrollPane {
    private final VBox box = new VBox(8);

    AboutPanel() {
        setId("aboutPanel");
        getStyleClass().add("about-panel");
        setFitToWidth(true);
        box.setPadding(new Insets(12, 16, 12, 16));
        setContent(box);
    }

    /** Rebuilds the panel for {@code points}. MainView calls it while the panel's tab is selected. */
    void show(java.util.List<AboutComparison.Point> points) {
        box.getChildren().clear();
        if (points == null || points.isEmpty()) {
            box.getChildren().add(Ui.label("Run the comparison to see why the two paths differ.", "about-muted"));
            return;
        }
        for (AboutComparison.Point p : points) {
            Feather icon = switch (p.level()) {
                case PROBLEM -> Feather.ALERT_OCTAGON;
                case WARNING -> Feather.ALERT_TRIANGLE;
                case INFO -> Feather.INFO;
            };
            Label l = new Label(p.text(), Ui.icon(icon));
            l.setWrapText(true);
            l.getStyleClass().add("about-" + p.level().name().toLowerCase());
            box.getChildren().add(l);
        }
    }
}
