package dev.decoderlens.app.view;

import dev.decoderlens.app.fx.FxImages;
import dev.decoderlens.app.vm.FilterStats;
import dev.decoderlens.app.vm.PathViewModel;
import dev.decoderlens.app.vm.LayerRow;
import dev.decoderlens.render.ArgbImage;
import dev.decoderlens.render.ColorScale;
import dev.decoderlens.render.FilterGrid;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;

/**
 * The filter inspector: one filter's map large (pixel grid drawn from 8x zoom on), its histogram, min/max/mean/std
 * and whether it is dead or saturated. Previous/next buttons step through the layer's filters.
 */
final class InspectorWindow {
    private final Stage stage = new Stage();
    private final ImageView map = new ImageView();
    private final Slider zoom = new Slider(1, 16, 4);
    private final Canvas histogram = new Canvas(300, 120);
    private final Label heading = Ui.label("", "inspector-title");
    private final Label verdict = Ui.label("", "inspector-verdict");
    private final GridPane numbers = new GridPane();
    private PathViewModel path;
    private LayerRow layer;
    private int filter;
    private float[] values;

    InspectorWindow(Window owner) {
        stage.initOwner(owner);
        stage.setTitle("Filter inspector");
        map.setSmooth(false);
        map.setId("inspectorMap");
        zoom.setId("inspectorZoom");
        zoom.setMajorTickUnit(1);
        zoom.setPrefWidth(120);
        zoom.setSnapToTicks(true);
        zoom.valueProperty().addListener((o, a, z) -> redraw());
        Ui.tip(zoom, "Magnification; from 8x on each activation pixel gets a grid line.");
        numbers.setHgap(12);
        numbers.setVgap(4);
        numbers.getStyleClass().add("inspector-numbers");
        verdict.setWrapText(true);
        HBox nav = Ui.row(6,
                Ui.iconButton("inspectorPrev", Feather.CHEVRON_LEFT, "Previous filter", () -> step(-1)),
                Ui.iconButton("inspectorNext", Feather.CHEVRON_RIGHT, "Next filter", () -> step(1)),
                Ui.iconButton("inspectorZoomOut", Feather.ZOOM_OUT, "Zoom out (-)", () -> zoom.setValue(zoom.getValue() - 1)),
                zoom,
                Ui.iconButton("inspectorZoomIn", Feather.ZOOM_IN, "Zoom in (+); from 8x a pixel grid is drawn", () -> zoom.setValue(zoom.getValue() + 1)));
        VBox side = new VBox(10, heading, nav, numbers, Ui.label("Histogram (bar height ∝ √count)", "section-label"), histogram, verdict);
        side.setPadding(new Insets(12));
        side.setPrefWidth(330);
        ScrollPane scroll = new ScrollPane(map);
        scroll.getStyleClass().add("inspector-scroll");
        BorderPane root = new BorderPane(scroll);
        root.setRight(side);
        root.setId("inspector");
        root.getStyleClass().add("inspector");
        Scene scene = new Scene(root, 980, 640);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        scene.setOnKeyPressed(e -> {
            switch (e.getCode()) {
                case ESCAPE -> stage.hide();
                case PLUS, ADD, EQUALS -> zoom.setValue(zoom.getValue() + 1);
                case MINUS, SUBTRACT -> zoom.setValue(zoom.getValue() - 1);
                case LEFT -> step(-1);
                case RIGHT -> step(1);
                default -> {
                    return;
                }
            }
            e.consume();
        });
    }

    Stage stage() {
        return stage;
    }

    void show(PathViewModel p, int f) {
        path = p;
        layer = p.selectedLayer();
        if (layer == null || layer.activation().rank() != 4) {
            return;
        }
        int side = Math.max(layer.info().outputShape()[2], layer.info().outputShape()[3]);
        zoom.setValue(Math.max(1, Math.min(16, Math.floor(560.0 / side))));
        select(f);
        stage.show();
        stage.toFront();
    }

    private void step(int d) {
        if (layer != null) {
            select(Math.floorMod(filter + d, layer.filters()));
        }
    }

    private void select(int f) {
        filter = f;
        values = layer.activation().channelMap(0, f, null);
        float[] lim = FilterStats.limits(layer.info().activation());
        FilterStats s = FilterStats.of(values, lim[0], lim[1]);
        heading.setText("Path " + path.side().name() + " · " + layer.name() + " · filter " + f + " of " + layer.filters());
        stage.setTitle("Filter " + f + " · " + layer.name() + " · path " + path.side().name());
        numbers.getChildren().clear();
        row(0, "size", layer.info().outputShape()[3] + " x " + layer.info().outputShape()[2]);
        row(1, "min", fmt(s.min()));
        row(2, "max", fmt(s.max()));
        row(3, "mean", fmt(s.mean()));
        row(4, "std", fmt(s.std()));
        row(5, "at a limit", Double.isNaN(s.saturatedShare()) ? "no limits (unbounded activation)"
                : String.format(Locale.ROOT, "%.2f%%", 100 * s.saturatedShare()));
        verdict.setText(s.verdict());
        drawHistogram(s);
        redraw();
    }

    private void row(int r, String k, String v) {
        numbers.add(Ui.label(k, "stat-key"), 0, r);
        numbers.add(Ui.label(v, "stat-value"), 1, r);
    }

    /** The map through the grid's colour scale for this filter, enlarged, with a pixel grid from 8x on. */
    private void redraw() {
        if (values == null) {
            return;
        }
        int w = layer.info().outputShape()[3], h = layer.info().outputShape()[2];
        FilterGrid g = path.grid();
        ColorScale scale = g != null && filter < g.scales().length ? g.scales()[filter] : null;
        if (scale == null) {
            return;
        }
        int k = (int) Math.round(zoom.getValue());
        ArgbImage big = enlarge(values, w, h, k, scale);
        map.setImage(FxImages.of(big));
    }

    /** Each value a k x k block in its colour; from 8x on the first row and column of each block is grid line. */
    static ArgbImage enlarge(float[] values, int w, int h, int k, ColorScale scale) {
        int bw = w * k;
        int[] px = new int[bw * h * k];
        boolean grid = k >= 8;
        for (int y = 0; y < h * k; y++) {
            for (int x = 0; x < bw; x++) {
                boolean line = grid && (x % k == 0 || y % k == 0);
                px[y * bw + x] = line ? 0xFF3A3A3A : scale.argb(values[(y / k) * w + x / k]);
            }
        }
        return new ArgbImage(bw, h * k, px);
    }

    private void drawHistogram(FilterStats s) {
        GraphicsContext gc = histogram.getGraphicsContext2D();
        double w = histogram.getWidth(), h = histogram.getHeight();
        gc.clearRect(0, 0, w, h);
        int max = 1;
        for (int c : s.histogram()) {
            max = Math.max(max, c);
        }
        double bw = w / s.histogram().length;
        gc.setFill(Color.web("#4c8bf5"));
        for (int i = 0; i < s.histogram().length; i++) {
            double bh = (h - 16) * Math.sqrt(s.histogram()[i] / (double) max);
            gc.fillRect(i * bw, h - 16 - bh, Math.max(1, bw - 1), bh);
        }
        gc.setFill(Color.GRAY);
        gc.fillText(fmt(s.min()), 0, h - 2);
        gc.fillText(fmt(s.max()), w - 60, h - 2);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.5g", v);
    }
}
