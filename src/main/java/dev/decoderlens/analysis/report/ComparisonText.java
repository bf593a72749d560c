package dev.decoderlens.analysis.report;

import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.analysis.MapStats;
import dev.decoderlens.experiment.DecoderPathSpec;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.Initialiser;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.io.InputScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Explains, for the settings and numbers of one result, why the two outputs differ: output sizes, kernel overlap,
 * initialisation, input scaling and output saturation, and the measured checkerboards. One paragraph per idea,
 * for the window's "About this comparison" panel and the command line's report.
 */
public final class ComparisonText {
    private ComparisonText() {
    }

    public static List<String> explain(ExperimentAnalysis a) {
        ExperimentSettings s = a.result().settings();
        List<String> out = new ArrayList<>();
        for (Side side : Side.values()) {
            out.add(side.label() + " (" + s.path(side).path().kind() + "): " + pathText(a, side));
        }
        out.add(scalingText(s));
        out.add(measuredText(a));
        String diff = a.differenceMissing();
        if (diff == null) {
            MapStats d = a.difference().orElseThrow().absoluteStats();
            out.add(String.format(Locale.ROOT, "The outputs differ by %.3g on average (largest difference %.3g).", d.mean(), d.max()));
        } else {
            out.add("The outputs have different sizes (" + diff.replace(": no difference map", "") + "), so they cannot be subtracted.");
        }
        return out;
    }

    private static String pathText(ExperimentAnalysis a, Side side) {
        PathConfig c = a.result().settings().path(side);
        StringBuilder sb = new StringBuilder();
        switch (c.path()) {
            case DecoderPathSpec.ResizeConv r -> sb.append(r.mode().label()).append(" resizing copies or blends existing pixels, so every output pixel is ")
                    .append("made the same way; the convolution after it sees the same number of taps everywhere (uniform overlap).");
            case DecoderPathSpec.SubPixel p -> sb.append("each output pixel comes from its own group of ").append(p.scale() * p.scale())
                    .append(" channels (no overlap);").append(c.init().initialiser() == Initialiser.ICNR
                            ? " ICNR makes those groups start equal, so it starts as nearest-neighbour upsampling."
                            : " with independent random weights per group, neighbouring pixels are computed differently: a checkerboard.");
            case DecoderPathSpec.AsInReport r -> sb.append("Keras 1 Deconvolution2D without subsample has stride 1: it adds ").append(r.kernel() - 1)
                    .append(" pixel per stage instead of doubling (output_shape was not used), so the output is far smaller than the crop.");
            case DecoderPathSpec.TransposedConv t -> sb.append(overlapText(t.kernel(), t.stride())).append(c.init().initialiser() == Initialiser.BILINEAR
                    ? " The bilinear initialisation sums the taps of every phase to the same value, which hides this at the start."
                    : "");
        }
        MapStats o = a.output(side).stats();
        if (c.outputActivation().bounded() && o.saturatedShare() >= Warnings.SATURATED) {
            sb.append(' ').append(String.format(Locale.ROOT, "Its %s output is saturated: %s of the values are within 0.001 of a limit.",
                    c.outputActivation().label(), Warnings.pct(o.saturatedShare())));
        }
        return sb.toString();
    }

    static String overlapText(int k, int s) {
        if (s == 1) {
            return "stride 1 does not upsample; every output pixel gets the same " + k + "x" + k + " taps.";
        }
        if (k % s != 0) {
            int lo = k / s, hi = lo + 1;
            return String.format(Locale.ROOT, "kernel %d is not a multiple of stride %d: along each axis output pixels get %d or %d taps "
                    + "(%d, %d or %d in 2-D, see the overlap map), so even a flat input comes out as a checkerboard.", k, s, lo, hi, lo * lo, lo * hi, hi * hi);
        }
        return String.format(Locale.ROOT, "kernel %d is a multiple of stride %d: every pixel inside the border gets %d taps, but the %d "
                + "phases use different parts of the kernel, so random weights still make them differ.", k, s, (k / s) * (k / s), s * s);
    }

    private static String scalingText(ExperimentSettings s) {
        if (s.scaling() == InputScaling.RAW_0_255) {
            // Convolutions, ReLU, max pool and resizing with zero biases are positively homogeneous: scaling the input
            // by 255 scales every pre-activation by exactly 255.
            return "The input is raw 0..255, as in the report: with zero biases every layer before the output activation is "
                    + "exactly 255 times what a 0..1 input gives, while the initialisers assume inputs of about unit size, so a "
                    + "sigmoid or tanh output sits at its limits.";
        }
        return "The input is scaled to " + s.scaling().label() + ", the range the initialisers assume.";
    }

    private static String measuredText(ExperimentAnalysis a) {
        Checkerboard ca = a.output(Side.A).checkerboard(), cb = a.output(Side.B).checkerboard();
        return String.format(Locale.ROOT, "Measured checkerboard of the outputs (phase / spectral, 0 = none, 1 = pure): path A %.2f / %.2f, path B %.2f / %.2f.",
                ca.phase(), ca.spectral(), cb.phase(), cb.spectral());
    }
}
