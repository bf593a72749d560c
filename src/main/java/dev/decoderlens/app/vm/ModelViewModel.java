package dev.decoderlens.app.vm;

import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Taps;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import dev.decoderlens.io.ColorMode;
import dev.decoderlens.io.InputScaling;
import dev.decoderlens.io.SourceImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.Normalization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * A user's own model (ONNX or Keras, through {@link ModelImporters}) run on the current crop, its layers browsable
 * like a built-in path: every rank-4 node output is a layer with its filter grid.
 */
public final class ModelViewModel {
    /** One node output of the model's run. */
    public record ModelLayer(String name, String opType, Tensor activation) {
        public String shapeText() {
            int[] s = activation.shape();
            return s[1] + "x" + s[2] + "x" + s[3];
        }
    }

    private final Background background;
    private final ReadOnlyObjectWrapper<ImportedModel> model = new ReadOnlyObjectWrapper<>(this, "model");
    private final ReadOnlyListWrapper<ModelLayer> layers = new ReadOnlyListWrapper<>(this, "layers", FXCollections.observableArrayList());
    private final ObjectProperty<ModelLayer> selected = new SimpleObjectProperty<>(this, "selected");
    private final ReadOnlyObjectWrapper<FilterGrid> grid = new ReadOnlyObjectWrapper<>(this, "grid");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Background.Handle job = Background.Handle.DONE;
    private ColorMap map = ColorMap.VIRIDIS;
    private Normalization norm = Normalization.PER_FILTER;

    public ModelViewModel(Background background) {
        this.background = background;
        selected.addListener((o, a, l) -> drawGrid());
    }

    public ReadOnlyObjectProperty<ImportedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    public ReadOnlyListProperty<ModelLayer> layersProperty() {
        return layers.getReadOnlyProperty();
    }

    public ObjectProperty<ModelLayer> selectedProperty() {
        return selected;
    }

    public ReadOnlyObjectProperty<FilterGrid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** What happened, in words: the model and its input, or why it could not be opened or run. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Opens a model file; a file no importer reads gives its one-line reason and keeps the previous model. */
    public boolean open(Path file) {
        try {
            model.set(ModelImporters.open(file));
            return true;
        } catch (Exception e) {
            message.set(e.getMessage());
            return false;
        }
    }

    /** Runs the model on a crop: its first input gets the crop as (1, C, H, W) with C = 1 or 3 from the model. */
    public void run(SourceImage crop, InputScaling scaling, ColorMap colorMap, Normalization normalization) {
        ImportedModel m = model.get();
        if (m == null || m.inputs().isEmpty()) {
            return;
        }
        map = colorMap;
        norm = normalization;
        ImportedModel.InputSpec in = m.inputs().getFirst();
        int[] s = in.shape();
        String why = fits(s);
        if (!why.isEmpty()) {
            message.set(why);
            return;
        }
        // A model that fixes its input size gets the crop scaled to it; a grey model gets a grey crop.
        SourceImage input = crop.resized(s[3] > 0 ? s[3] : crop.width(), s[2] > 0 ? s[2] : crop.height());
        ColorMode mode = s[1] == 1 ? ColorMode.GRAYSCALE : ColorMode.RGB;
        Tensor x = input.toTensor(scaling, mode);
        job.cancel();
        message.set("Running " + m.source().getFileName() + " on the " + crop.width() + "x" + crop.height() + " crop"
                + (input == crop ? "" : ", scaled to the model's " + input.width() + "x" + input.height() + " input") + "…");
        job = background.submit((cancel, progress) -> new Executor().run(m.graph(), java.util.Map.of(in.name(), x), Taps.ALL, cancel),
                Background.Progress.NONE, this::show, e -> message.set("The model failed on this crop: " + e.getMessage()));
    }

    /** Why a crop cannot feed an input of this shape, or "". */
    static String fits(int[] s) {
        if (s.length != 4 || (s[1] != 1 && s[1] != 3)) {
            return "the model's input has shape " + java.util.Arrays.toString(s) + ": only image inputs (N, 1 or 3, H, W) can be fed a crop";
        }
        return "";
    }

    private void show(Trace t) {
        List<ModelLayer> out = new ArrayList<>();
        for (Trace.NodeRun r : t.runs()) {
            for (String o : r.outputs()) {
                if (t.has(o) && t.get(o).rank() == 4) {
                    out.add(new ModelLayer(o, r.opType(), t.get(o)));
                }
            }
        }
        ModelLayer keep = selected.get();
        layers.setAll(out);
        message.set(model.get().format() + " model " + model.get().source().getFileName() + ": " + out.size()
                + " image-shaped layers, " + RunCoordinator.ms(t.totalNanos()));
        selected.set(out.stream().filter(l -> keep != null && l.name().equals(keep.name())).findFirst()
                .orElse(out.isEmpty() ? null : out.getFirst()));
    }

    private void drawGrid() {
        ModelLayer l = selected.get();
        if (l == null) {
            grid.set(null);
            return;
        }
        Tensor t = l.activation();
        ColorMap m = map;
        Normalization n = norm == Normalization.SHARED ? Normalization.PER_LAYER : norm;
        background.submit((cancel, progress) -> {
            int scale = Math.max(1, Math.min(8, 96 / Math.max(1, Math.max(t.dim(2), t.dim(3)))));
            return FilterGrid.render(t, FilterGrid.Settings.of(m, n, scale));
        }, Background.Progress.NONE, g -> {
            if (selected.get() == l) {
                grid.set(g);
            }
        }, e -> message.set("Could not draw " + l.name() + ": " + e.getMessage()));
    }
}
