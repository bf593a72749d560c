package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.experiment.DecoderPathSpec;
import dev.decoderlens.experiment.DecoderPathSpec.AsInReport;
import dev.decoderlens.experiment.DecoderPathSpec.ResizeConv;
import dev.decoderlens.experiment.DecoderPathSpec.SubPixel;
import dev.decoderlens.experiment.DecoderPathSpec.TransposedConv;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.Initialiser;
import dev.decoderlens.experiment.OutputActivation;
import dev.decoderlens.experiment.PaddingMode;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.experiment.ResizeMode;
import dev.decoderlens.experiment.WeightInit;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;

/**
 * The side panel of one decoder path: its kind and geometry, stages, output activation, initialiser and seed.
 * Every edit builds a new {@link PathConfig} and hands it to the view model; settings that do not fit together
 * (output padding not below the stride) are refused with a message under the form.
 */
final class PathPanel extends VBox {
    private static final String[] KINDS = {"Resize + convolution", "Transposed convolution", "Sub-pixel convolution",
            "As in the report (Keras 1)"};

    private final MainViewModel vm;
    private final Side side;
    private final ComboBox<String> kind = new ComboBox<>();
    private final ComboBox<ResizeMode> resize = new ComboBox<>();
    private final Spinner<Integer> kernel = new Spinner<>(1, 9, 3);
    private final Spinner<Integer> stride = new Spinner<>(1, 4, 2);
    private final ComboBox<PaddingMode> padding = new ComboBox<>();
    private final Spinner<Integer> pad = new Spinner<>(0, 8, 0);
    private final Spinner<Integer> outputPadding = new Spinner<>(0, 3, 0);
    private final Spinner<Integer> stages = new Spinner<>(1, 4, 2);
    private final ComboBox<OutputActivation> activation = new ComboBox<>();
    private final ComboBox<Initialiser> init = new ComboBox<>();
    private final Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, 1);
    private final Label error = Ui.label("", "form-error");
    private final FormGrid form = new FormGrid();
    private final int rowResize, rowStride, rowPadding, rowPad, rowOutPad;
    private boolean updating;

    PathPanel(MainViewModel vm, Side side) {
        super(6);
        this.vm = vm;
        this.side = side;
        String p = "path" + side.name();
        setId(p + "Panel");
        kind.getItems().addAll(KINDS);
        kind.setId(p + "Kind");
        resize.getItems().addAll(ResizeMode.values());
        padding.getItems().addAll(PaddingMode.values());
        activation.getItems().addAll(OutputActivation.values());
        init.getItems().addAll(Initialiser.values());
        resize.setConverter(converter(ResizeMode::label));
        padding.setConverter(converter(PaddingMode::label));
        activation.setConverter(converter(OutputActivation::label));
        init.setConverter(converter(Initialiser::label));
        for (Spinner<Integer> s : List.of(kernel, stride, pad, outputPadding, stages, seed)) {
            s.setEditable(true);
            s.setMaxWidth(Double.MAX_VALUE);
        }
        kernel.setId(p + "Kernel");
        stride.setId(p + "Stride");
        stages.setId(p + "Stages");
        seed.setId(p + "Seed");
        Ui.tip(kind, "How this path upsamples: resize then convolve (no overlap pattern), transposed convolution "
                + "(kernel taps overlap unevenly unless the kernel is a multiple of the stride), sub-pixel convolution, "
                + "or the report's Keras 1 Deconvolution2D that never upsampled.");
        Ui.tip(resize, "Interpolation of the resize before each convolution (Keras UpSampling2D).");
        Ui.tip(kernel, "Kernel size of the path's convolutions.");
        Ui.tip(stride, "Stride of the transposed convolution, or the upsampling factor of resize and sub-pixel stages.");
        Ui.tip(padding, "same: output = stride x input (odd pixel cut at bottom/right, as Keras); valid: s(i-1)+k; explicit: pad p.");
        Ui.tip(pad, "Explicit padding p cut from each side (PyTorch's padding).");
        Ui.tip(outputPadding, "Extra rows/columns at the bottom/right (PyTorch's output_padding); must be below the stride.");
        Ui.tip(stages, "Number of upsampling stages; each halves the channels of the one before.");
        Ui.tip(activation, "Activation of the output layer: the report used sigmoid, which saturates on raw 0..255 input.");
        Ui.tip(init, "How the path's weights are drawn (the encoder keeps its own).");
        Ui.tip(seed, "Seed of the weights: the same seed gives the same weights on every machine.");
        form.add("Kind", kind);
        rowResize = form.add("Resize", resize);
        form.add("Kernel", kernel);
        rowStride = form.add("Stride", stride);
        rowPadding = form.add("Padding", padding);
        rowPad = form.add("Pad p", pad);
        rowOutPad = form.add("Out padding", outputPadding);
        form.add("Stages", stages);
        form.add("Output", activation);
        form.add("Weights", init);
        Button reroll = Ui.iconButton(p + "Reroll", Feather.SHUFFLE, "Draw new random weights (a new seed) for this path", () -> vm.rerollSeed(side));
        HBox seedRow = new HBox(4, seed, reroll);
        HBox.setHgrow(seed, Priority.ALWAYS);
        form.add("Seed", seedRow);
        error.setWrapText(true);
        error.setVisible(false);
        error.setManaged(false);
        getChildren().addAll(form, error);

        vm.settingsProperty().addListener((o, a, s) -> load());
        load();
        kind.valueProperty().addListener((o, a, k) -> edit());
        resize.valueProperty().addListener((o, a, v) -> edit());
        padding.valueProperty().addListener((o, a, v) -> edit());
        activation.valueProperty().addListener((o, a, v) -> edit());
        init.valueProperty().addListener((o, a, v) -> edit());
        for (Spinner<Integer> s : List.of(kernel, stride, pad, outputPadding, stages, seed)) {
            s.valueProperty().addListener((o, a, v) -> edit());
        }
    }

    /** Shows the view model's settings in the controls. */
    private void load() {
        updating = true;
        try {
            PathConfig c = vm.settings().path(side);
            DecoderPathSpec spec = c.path();
            switch (spec) {
                case ResizeConv r -> {
                    kind.setValue(KINDS[0]);
                    resize.setValue(r.mode());
                    kernel.getValueFactory().setValue(r.kernel());
                    stride.getValueFactory().setValue(r.scale());
                }
                case TransposedConv t -> {
                    kind.setValue(KINDS[1]);
                    kernel.getValueFactory().setValue(t.kernel());
                    stride.getValueFactory().setValue(t.stride());
                    padding.setValue(t.padding());
                    pad.getValueFactory().setValue(t.explicitPad());
                    outputPadding.getValueFactory().setValue(t.outputPadding());
                }
                case SubPixel s -> {
                    kind.setValue(KINDS[2]);
                    kernel.getValueFactory().setValue(s.kernel());
                    stride.getValueFactory().setValue(s.scale());
                }
                case AsInReport r -> {
                    kind.setValue(KINDS[3]);
                    kernel.getValueFactory().setValue(r.kernel());
                }
            }
            stages.getValueFactory().setValue(spec.stages());
            activation.setValue(c.outputActivation());
            init.setValue(c.init().initialiser());
            seed.getValueFactory().setValue((int) Math.min(Integer.MAX_VALUE, c.init().seed()));
            showRows();
            error.setVisible(false);
            error.setManaged(false);
        } finally {
            updating = false;
        }
    }

    private void showRows() {
        int k = kind.getItems().indexOf(kind.getValue());
        form.showRow(rowResize, k == 0);
        form.showRow(rowStride, k != 3);
        form.showRow(rowPadding, k == 1);
        form.showRow(rowPad, k == 1 && padding.getValue() == PaddingMode.EXPLICIT);
        form.showRow(rowOutPad, k == 1);
    }

    /** Builds the path from the controls and hands it over; a combination the spec refuses shows its reason. */
    private void edit() {
        if (updating) {
            return;
        }
        showRows();
        PathConfig old = vm.settings().path(side);
        List<Integer> channels = old.path().withStages(stages.getValue()).stageChannels();
        try {
            DecoderPathSpec spec = switch (kind.getItems().indexOf(kind.getValue())) {
                case 0 -> new ResizeConv(orDefault(resize.getValue(), ResizeMode.NEAREST), stride.getValue(), kernel.getValue(), channels);
                case 1 -> new TransposedConv(kernel.getValue(), stride.getValue(), orDefault(padding.getValue(), PaddingMode.SAME),
                        pad.getValue(), outputPadding.getValue(), nonZero(channels));
                case 2 -> new SubPixel(kernel.getValue(), stride.getValue(), true, nonZero(channels));
                default -> new AsInReport(kernel.getValue(), nonZero(channels));
            };
            WeightInit w = new WeightInit(orDefault(init.getValue(), Initialiser.GLOROT_UNIFORM), seed.getValue(), old.init().constant());
            vm.setPath(side, new PathConfig(spec, orDefault(activation.getValue(), OutputActivation.SIGMOID), w));
            error.setVisible(false);
            error.setManaged(false);
        } catch (IllegalArgumentException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
            error.setManaged(true);
        }
    }

    /** Resize stages may only resize (0 channels); the other kinds need real channels there. */
    private static List<Integer> nonZero(List<Integer> channels) {
        return channels.stream().map(c -> c == 0 ? 64 : c).toList();
    }

    private static <T> T orDefault(T v, T d) {
        return v == null ? d : v;
    }

    static <T> StringConverter<T> converter(java.util.function.Function<T, String> f) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : f.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
