package dev.decoderlens.app.view;

import dev.decoderlens.app.fx.FxImages;
import dev.decoderlens.render.ColorBar;
import dev.decoderlens.render.ColorScale;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;

/** A colour bar with the low and high values it spans, drawn from the same colour scale as the pictures. */
final class ColorBarView extends HBox {
    private final ImageView bar = new ImageView();
    private final Label low = Ui.label("", "colorbar-label");
    private final Label high = Ui.label("", "colorbar-label");

    ColorBarView(double width) {
        super(6);
        getStyleClass().add("colorbar");
        setAlignment(Pos.CENTER_LEFT);
        bar.setFitWidth(width);
        bar.setFitHeight(10);
        bar.getStyleClass().add("colorbar-image");
        low.setMinWidth(USE_PREF_SIZE);
        high.setMinWidth(USE_PREF_SIZE);
        getChildren().addAll(low, bar, high);
    }

    void show(ColorScale scale) {
        setVisible(scale != null && !scale.range().isEmpty());
        if (!isVisible()) {
            return;
        }
        bar.setImage(FxImages.of(ColorBar.horizontal(scale.map(), 256, 10)));
        low.setText(format(scale.range().min()));
        high.setText(format(scale.range().max()));
    }

    static String format(float v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 || (v != 0 && Math.abs(v) < 0.01) ? "%.3g" : "%.3f", v);
    }
}
