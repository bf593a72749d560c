package dev.decoderlens.experiment;

import dev.decoderlens.experiment.DecoderPathSpec.AsInReport;
import dev.decoderlens.experiment.DecoderPathSpec.ResizeConv;
import dev.decoderlens.experiment.DecoderPathSpec.SubPixel;
import dev.decoderlens.experiment.DecoderPathSpec.TransposedConv;
import dev.decoderlens.io.ColorMode;
import dev.decoderlens.io.InputScaling;
import java.util.List;
import java.util.Optional;

/**
 * The built-in starting points. Path A is always a resize-convolution (the path that works); path B is the one
 * under study. Each preset changes one idea at a time from the one before.
 */
public enum Preset {
    ORIGINAL_REPORT("original-report", "The original report",
            "Raw 0..255 input, Keras 1 Deconvolution2D without strides (stride 1: 128 -> 129 -> 130, never 512) "
                    + "against UpSampling2D + Conv, both with a sigmoid that saturates on raw input."),
    FIXED_STRIDES("fixed-strides", "Fixed strides",
            "The report's network with stride 2 in both transposed convolutions, so both paths give the crop's "
                    + "size; the raw input still saturates the sigmoid."),
    CHECKERBOARD_K3S2("checkerboard-k3s2", "Checkerboard: kernel 3, stride 2",
            "Transposed convolution k3 s2 against nearest resize-convolution on 0..1 input: the kernel overlaps "
                    + "unevenly (1, 2 or 4 taps per pixel) and the output shows a checkerboard."),
    EVEN_OVERLAP_K4S2("even-overlap-k4s2", "Even overlap: kernel 4, stride 2",
            "Kernel 4 is a multiple of stride 2, so every pixel gets the same number of taps; random weights still "
                    + "differ between the four phases, so some checkerboard remains."),
    SUBPIXEL_ICNR("subpixel-icnr", "Sub-pixel convolution with ICNR",
            "Conv + PixelShuffle initialised with ICNR starts as nearest-neighbour upsampling: no checkerboard "
                    + "at the start, at the cost of sub-pixel convolution's extra channels.");

    /** Where the report cropped the raccoon photo: rows 50..562, columns 200..712. */
    public record Crop(int x, int y, int width, int height) {
    }

    public static final Crop REPORT_CROP = new Crop(200, 50, 512, 512);

    private final String id;
    private final String title;
    private final String explanation;

    Preset(String id, String title, String explanation) {
        this.id = id;
        this.title = title;
        this.explanation = explanation;
    }

    /** The command-line and settings-file name: "original-report". */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** One line shown in the window under the preset chooser. */
    public String explanation() {
        return explanation;
    }

    public static Optional<Preset> byId(String id) {
        for (Preset p : values()) {
            if (p.id.equalsIgnoreCase(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public ExperimentSettings settings() {
        WeightInit glorot = WeightInit.glorot(WeightInit.DEFAULT_SEED);
        PathConfig reportUpsampling = new PathConfig(ResizeConv.report(), OutputActivation.SIGMOID, glorot);
        List<Integer> stages = List.of(128, 64);
        PathConfig resizeConv = new PathConfig(new ResizeConv(ResizeMode.NEAREST, 2, 3, stages), OutputActivation.SIGMOID, glorot);
        return switch (this) {
            case ORIGINAL_REPORT -> report(reportUpsampling, new PathConfig(AsInReport.report(), OutputActivation.SIGMOID, glorot));
            case FIXED_STRIDES -> report(reportUpsampling, new PathConfig(TransposedConv.report(), OutputActivation.SIGMOID, glorot));
            case CHECKERBOARD_K3S2 -> scaled(resizeConv, new PathConfig(
                    new TransposedConv(3, 2, PaddingMode.SAME, 0, 0, stages), OutputActivation.SIGMOID, glorot));
            case EVEN_OVERLAP_K4S2 -> scaled(resizeConv, new PathConfig(
                    new TransposedConv(4, 2, PaddingMode.EXPLICIT, 1, 0, stages), OutputActivation.SIGMOID, glorot));
            case SUBPIXEL_ICNR -> scaled(resizeConv, new PathConfig(
                    new SubPixel(3, 2, true, stages), OutputActivation.SIGMOID, glorot.withInitialiser(Initialiser.ICNR)));
        };
    }

    private static ExperimentSettings report(PathConfig a, PathConfig b) {
        return new ExperimentSettings(EncoderSpec.report(), InputScaling.RAW_0_255, ColorMode.RGB, a, b);
    }

    private static ExperimentSettings scaled(PathConfig a, PathConfig b) {
        return new ExperimentSettings(EncoderSpec.report(), InputScaling.UNIT_0_1, ColorMode.RGB, a, b);
    }
}
