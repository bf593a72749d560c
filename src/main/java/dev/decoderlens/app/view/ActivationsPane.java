package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.app.vm.PathViewModel;
import dev.decoderlens.app.vm.LayerRow;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.GridLayout;
import java.util.Locale;
import java.util.function.BiConsumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The lower half: for each path its layer list and the selected layer's filter grid with a colour bar. Hovering a
 * tile shows the filter and the value under the pointer; clicking opens the inspector. Both grids share one zoom.
 */
final class ActivationsPane extends SplitPane {
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);
    private final GridView gridA;
    private final GridView gridB;

    ActivationsPane(MainViewModel vm, BiConsumer<PathViewModel, Integer> openInspector) {
        getStyleClass().add("activations");
        gridA = new GridView();
        gridB = new GridView();
        BorderPane a = half(vm, vm.pathA(), gridA, openInspector, true);
        BorderPane b = half(vm, vm.pathB(), gridB, openInspector, false);
        getItems().addAll(a, b);
    }

    DoubleProperty zoomProperty() {
        return zoom;
    }

    GridView grid(boolean a) {
        return a ? gridA : gridB;
    }

    private BorderPane half(MainViewModel vm, PathViewModel path, GridView grid, BiConsumer<PathViewModel, Integer> open, boolean listLeft) {
        String side = path.side().name();
        grid.setId("grid" + side);
        grid.zoomProperty().bindBidirectional(zoom);
        grid.pictureProperty().bind(path.gridProperty());
        Ui.tip(grid, "Every filter of the selected layer, one tile each. Hover for the value, click to inspect a "
                + "filter, Ctrl+wheel to zoom.");
        Label title = Ui.label("", "grid-title");
        title.textProperty().bind(path.layerTextProperty());
        Label hover = Ui.label("", "grid-hover");
        hover.setId("hover" + side);
        ColorBarView bar = new ColorBarView(140);
        path.gridProperty().addListener((o, x, g) -> bar.show(g == null ? null : g.legend()));
        grid.hoverHitProperty().addListener((o, x, h) -> {
            String text = describe(path, h);
            hover.setText(text);
            vm.status().setHover(text);
        });
        grid.setOnTileClicked(h -> open.accept(path, h.filter()));
        Label name = Ui.label("Path " + side, "grid-path");
        name.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        title.setMinWidth(0);
        HBox header = Ui.row(8, name, title);
        HBox legend = Ui.row(8, Ui.label(legendText(vm), "grid-title"), bar);
        vm.normalizationProperty().addListener((o, x, n) -> ((Label) legend.getChildren().getFirst()).setText(legendText(vm)));
        VBox head = new VBox(2, header, legend);
        head.getStyleClass().add("grid-header");
        VBox centre = new VBox(head, grid, hover);
        VBox.setVgrow(grid, Priority.ALWAYS);
        BorderPane pane = new BorderPane(centre);
        LayerList list = new LayerList(path);
        if (listLeft) {
            pane.setLeft(list);
        } else {
            pane.setRight(list);
        }
        return pane;
    }

    private static String legendText(MainViewModel vm) {
        return switch (vm.normalizationProperty().get()) {
            case PER_FILTER -> "per filter; layer:";
            case PER_LAYER -> "per layer:";
            case SHARED -> "shared A+B:";
        };
    }

    /** "filter 17 · (12, 40) = 0.731" for the tile under the pointer, "" elsewhere. */
    static String describe(PathViewModel path, GridLayout.Hit h) {
        LayerRow l = path.selectedLayer();
        FilterGrid g = path.grid();
        if (h == null || l == null || g == null) {
            return "";
        }
        float v = l.activation().get(0, h.filter(), h.mapY(), h.mapX());
        return String.format(Locale.ROOT, "Path %s · %s · filter %d · (x %d, y %d) = %.5g", path.side().name(), l.name(),
                h.filter(), h.mapX(), h.mapY(), v);
    }
}
