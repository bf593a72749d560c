package dev.decoderlens.app.vm;

import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.NetworkRun;
import java.util.ArrayList;
import java.util.List;
import dev.decoderlens.render.ArgbImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.OutputPicture;
import dev.decoderlens.render.ValueRange;
import dev.decoderlens.engine.Tensor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyListProperty;
import javafx.beans.property.ReadOnlyListWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;

/**
 * One decoder path as the window shows it: its output picture (or why there is none), its layers, the selected
 * layer and that layer's filter grid. The grid is drawn on a worker and replaced whole.
 */
public final class PathViewModel {
    private final Side side;
    private final ReadOnlyObjectWrapper<NetworkRun> run = new ReadOnlyObjectWrapper<>(this, "run");
    private final ReadOnlyListWrapper<LayerRow> layers = new ReadOnlyListWrapper<>(this, "layers", FXCollections.observableArrayList());
    private final ObjectProperty<LayerRow> selectedLayer = new SimpleObjectProperty<>(this, "selectedLayer");
    private final ReadOnlyObjectWrapper<FilterGrid> grid = new ReadOnlyObjectWrapper<>(this, "grid");
    private final ReadOnlyObjectWrapper<ArgbImage> outputImage = new ReadOnlyObjectWrapper<>(this, "outputImage");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Path " + "");
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper(this, "rangeText", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper describe = new ReadOnlyStringWrapper(this, "describe", "");
    private final ReadOnlyStringWrapper layerText = new ReadOnlyStringWrapper(this, "layerText", "");

    private String preferred;

    public PathViewModel(Side side) {
        this.side = side;
        title.set("Path " + side.name());
    }

    public Side side() {
        return side;
    }

    public ReadOnlyObjectProperty<NetworkRun> runProperty() {
        return run.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<LayerRow> layersProperty() {
        return layers.getReadOnlyProperty();
    }

    /** The layer whose filters the grid shows; the view's list selection binds to it. */
    public ObjectProperty<LayerRow> selectedLayerProperty() {
        return selectedLayer;
    }

    public ReadOnlyObjectProperty<FilterGrid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ArgbImage> outputImageProperty() {
        return outputImage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The path's settings in one line. */
    public ReadOnlyStringProperty describeProperty() {
        return describe.getReadOnlyProperty();
    }

    /** "range 0.000 .. 1.000 (sigmoid)" */
    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }

    /** Why the output is not an image of the crop's size, or "". */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** "conv2d_3 · Conv · (1, 256, 64, 64)" for the grid header. */
    public ReadOnlyStringProperty layerTextProperty() {
        return layerText.getReadOnlyProperty();
    }

    public NetworkRun run() {
        return run.get();
    }

    public LayerRow selectedLayer() {
        return selectedLayer.get();
    }

    public FilterGrid grid() {
        return grid.get();
    }

    /** A layer to select by name when the next run has it (a restored session's view). */
    void prefer(String layerName) {
        preferred = layerName;
    }

    /** Takes a finished run; keeps the selected layer by name, else by stage, when the new run has it. */
    void show(ExperimentResult r, ArgbImage output, String range) {
        LayerRow keep = selectedLayer.get();
        NetworkRun mine = r.path(side);
        List<LayerRow> rows = new ArrayList<>();
        r.encoder().layers().forEach(l -> rows.add(new LayerRow(l, r.encoder())));
        mine.layers().forEach(l -> rows.add(new LayerRow(l, mine)));
        run.set(mine);
        title.set("Path " + side.name() + ": " + r.config(side).path().kind());
        describe.set(r.config(side).describe());
        problem.set(problemOf(r, side));
        outputImage.set(output);
        rangeText.set(range);
        layers.setAll(rows);
        LayerRow again = keep == null ? null : match(keep);
        if (preferred != null) {
            again = rows.stream().filter(l -> l.name().equals(preferred)).findFirst().orElse(again);
            preferred = null;
        }
        selectedLayer.set(again != null ? again : defaultLayer(rows));
    }

    void showGrid(FilterGrid g) {
        grid.set(g);
        LayerRow l = selectedLayer.get();
        layerText.set(l == null ? "" : l.info().title() + " · " + l.info().shapeText() + " · " + l.filters() + " filters");
    }

    /**
     * The layer of this path that matches one of the other path: the same layer when it is shared (encoder) or has
     * the same name, else the current selection when it is in that stage, else the last layer of the stage; null when
     * the stage does not exist here.
     */
    public LayerRow match(LayerRow other) {
        LayerRow current = selectedLayer.get();
        LayerRow sameStage = null;
        for (LayerRow l : layers) {
            if (l.name().equals(other.name()) && l.info().stage() == other.info().stage()) {
                return l;
            }
            if (l.info().stage() == other.info().stage()) {
                sameStage = l;
            }
        }
        // already on a layer of that stage: stay there rather than jump within the stage
        if (current != null && sameStage != null && current.info().stage() == other.info().stage() && layers.contains(current)) {
            return current;
        }
        return sameStage;
    }

    /** Selects the layer matching one selected in the other path, if this path has one. */
    public void selectMatching(LayerRow other) {
        LayerRow m = match(other);
        if (m != null && selectedLayer.get() != m) {
            selectedLayer.set(m);
        }
    }

    /** Moves the selection by {@code delta} layers (next/previous layer shortcuts). */
    public void step(int delta) {
        if (layers.isEmpty()) {
            return;
        }
        int i = layers.indexOf(selectedLayer.get());
        int next = Math.max(0, Math.min(layers.size() - 1, (i < 0 ? 0 : i) + delta));
        selectedLayer.set(layers.get(next));
    }

    /** The first decoder layer: where the two paths start to differ. */
    private static LayerRow defaultLayer(List<LayerRow> rows) {
        for (LayerRow l : rows) {
            if (!l.encoder()) {
                return l;
            }
        }
        return rows.isEmpty() ? null : rows.getLast();
    }

    /** Why the path's output is not a picture of the crop's size, in words; "" when it is. */
    static String problemOf(ExperimentResult r, Side side) {
        NetworkRun p = r.path(side);
        int[] out = p.plan().outputShape();
        if (out[2] == r.crop().height() && out[3] == r.crop().width()) {
            return "";
        }
        if (!p.plan().warnings().isEmpty()) {
            String w = String.join(" ", p.plan().warnings());
            return Character.toUpperCase(w.charAt(0)) + w.substring(1) + (w.endsWith(".") ? "" : ".");
        }
        StringBuilder sb = new StringBuilder("The output is " + out[3] + "x" + out[2] + "x" + out[1] + ", not the crop's "
                + r.crop().width() + "x" + r.crop().height() + ".");
        return sb.toString();
    }

    /** The output drawn as the window shows it: RGB over the activation's range, one channel via the colour map. */
    static ArgbImage drawOutput(Tensor out, ColorMap map, ValueRange range) {
        return OutputPicture.drawable(out) ? OutputPicture.draw(out, 0, map, range) : null;
    }
}
