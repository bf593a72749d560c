package dev.decoderlens.app.view;

import dev.decoderlens.app.vm.Crop;
import dev.decoderlens.app.vm.MainViewModel;
import dev.decoderlens.experiment.EncoderSpec;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.io.ColorMode;
import dev.decoderlens.io.InputScaling;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.VBox;

/** The left column: input, encoder, the two paths and the view settings, each in a collapsible section. */
final class SettingsSidebar extends ScrollPane {
    private final MainViewModel vm;
    private final Spinner<Integer> cropSide = new Spinner<>();
    private final ComboBox<InputScaling> scaling = new ComboBox<>();
    private final ComboBox<ColorMode> colour = new ComboBox<>();
    private final ComboBox<EncoderSpec> encoder = new ComboBox<>();
    private boolean updating;

    SettingsSidebar(MainViewModel vm) {
        this.vm = vm;
        getStyleClass().add("sidebar");
        setId("sidebar");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);

        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(16, 4096, 512, 4);
        cropSide.setValueFactory(f);
        cropSide.setEditable(true);
        cropSide.setId("cropSide");
        vm.image().strideProperty().addListener((o, a, s) -> f.setAmountToStepBy(s.intValue()));
        f.setAmountToStepBy(vm.image().strideProperty().get());
        vm.image().cropProperty().addListener((o, a, c) -> showCrop(c));
        cropSide.valueProperty().addListener((o, a, v) -> {
            if (!updating && v != null) {
                vm.image().setCropSide(v);
            }
        });
        scaling.getItems().addAll(InputScaling.values());
        scaling.setConverter(PathPanel.converter(InputScaling::label));
        scaling.setId("scaling");
        colour.getItems().addAll(ColorMode.values());
        colour.setConverter(PathPanel.converter(m -> m == ColorMode.RGB ? "RGB (3 channels)" : "Grey (1 channel)"));
        colour.setId("colorMode");
        encoder.getItems().addAll(EncoderSpec.builtIn());
        encoder.setConverter(PathPanel.converter(EncoderSpec::title));
        encoder.setId("encoder");
        Ui.tip(cropSide, "Side of the square crop in pixels; it snaps to a multiple of the encoder's total stride.");
        Ui.tip(scaling, "How pixel values become network input. The report fed raw 0..255, which saturates a sigmoid.");
        Ui.tip(colour, "Feed the network three colour channels or one grey channel.");
        Ui.tip(encoder, "The shared encoder both decoder paths start from; its output is computed once and cached.");

        FormGrid input = new FormGrid();
        input.add("Crop side", cropSide);
        input.add("Scaling", scaling);
        input.add("Channels", colour);
        input.add("Encoder", encoder);

        ComboBox<ColorMap> map = new ComboBox<>();
        map.getItems().addAll(ColorMap.values());
        map.setConverter(PathPanel.converter(ColorMap::id));
        map.valueProperty().bindBidirectional(vm.colorMapProperty());
        map.setId("colorMap");
        Ui.tip(map, "Colour map of activations and one-channel outputs; rdbu is for signed values (white = 0).");
        ComboBox<Normalization> norm = new ComboBox<>();
        norm.getItems().addAll(Normalization.values());
        norm.setConverter(PathPanel.converter(n -> switch (n) {
            case PER_FILTER -> "per filter";
            case PER_LAYER -> "per layer";
            case SHARED -> "shared by both paths";
        }));
        norm.valueProperty().bindBidirectional(vm.normalizationProperty());
        norm.setId("normalization");
        Ui.tip(norm, "Per filter shows each filter's pattern; per layer keeps strong and weak filters comparable; "
                + "shared puts both paths on one scale.");
        FormGrid view = new FormGrid();
        view.add("Colour map", map);
        view.add("Normalise", norm);

        VBox box = new VBox(section("Input", input), section("Path A", new PathPanel(vm, Side.A)),
                section("Path B", new PathPanel(vm, Side.B)), section("View", view));
        box.getStyleClass().add("sidebar-box");
        setContent(box);

        vm.settingsProperty().addListener((o, a, s) -> load(s));
        load(vm.settings());
        scaling.valueProperty().addListener((o, a, v) -> {
            if (!updating && v != null) {
                vm.setScaling(v);
            }
        });
        colour.valueProperty().addListener((o, a, v) -> {
            if (!updating && v != null) {
                vm.setColorMode(v);
            }
        });
        encoder.valueProperty().addListener((o, a, v) -> {
            if (!updating && v != null) {
                vm.setSettings(vm.settings().withEncoder(v.withInit(vm.settings().encoder().init())));
            }
        });
    }

    private void load(ExperimentSettings s) {
        updating = true;
        scaling.setValue(s.scaling());
        colour.setValue(s.colorMode());
        encoder.setValue(encoder.getItems().stream().filter(e -> e.id().equals(s.encoder().id())).findFirst().orElse(null));
        updating = false;
    }

    private void showCrop(Crop c) {
        if (c != null) {
            updating = true;
            cropSide.getValueFactory().setValue(Math.min(c.width(), c.height()));
            updating = false;
        }
    }

    private static TitledPane section(String title, Node content) {
        TitledPane t = new TitledPane(title, content);
        t.getStyleClass().add("sidebar-section");
        t.setExpanded(true);
        return t;
    }
}
