package dev.decoderlens.app.vm;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.DecoderPathSpec;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.Initialiser;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.OutputActivation;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.io.InputScaling;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Sentences for "About this comparison", built from one run: what each path's geometry does (stride versus
 * kernel overlap, a stride-1 "upsampling"), how the weights start, whether the input scaling saturates the output
 * activation (measured on the outputs), and every shape warning the planner raised.
 */
public final class AboutComparison {
    /** How much a point matters. */
    public enum Level {
        PROBLEM, WARNING, INFO
    }

    public record Point(Level level, String text) {
    }

    private AboutComparison() {
    }

    /** The points for a run; with its analysis, the analysis' warnings replace the planner's shape warnings. */
    public static List<Point> explain(ExperimentResult r, AnalysisSummary analysis) {
        List<Point> out = new ArrayList<>();
        for (Side side : Side.values()) {
            String problem = PathViewModel.problemOf(r, side);
            if (!problem.isEmpty()) {
                out.add(new Point(Level.PROBLEM, "Path " + side.name() + ": " + problem));
            }
        }
        for (Side side : Side.values()) {
            boolean said = analysis != null && analysis.warnings().get(side).stream().anyMatch(w -> w.contains("saturat") || w.contains("constant"));
            if (!said) {
                saturation(r, side, out);
            }
        }
        if (analysis != null) {
            checkerboard(analysis, out);
        }
        for (Side side : Side.values()) {
            out.add(new Point(Level.INFO, "Path " + side.name() + ": " + geometry(r.config(side))));
            String init = initialisation(r.config(side));
            if (!init.isEmpty()) {
                out.add(new Point(Level.INFO, "Path " + side.name() + ": " + init));
            }
        }
        for (Side side : Side.values()) {
            if (analysis != null) {
                for (String w : analysis.warnings().get(side)) {
                    if (!alreadySaid(out, w)) {
                        out.add(new Point(Level.WARNING, "Path " + side.name() + ", " + w));
                    }
                }
                continue;
            }
            for (LayerInfo l : r.path(side).layers()) {
                for (String w : l.warnings()) {
                    out.add(new Point(Level.WARNING, "Path " + side.name() + ", " + l.name() + ": " + w));
                }
            }
        }
        return out;
    }

    /** The share of output values within 0.01 of a bounded activation's limits, with the input scaling's part in it. */
    private static void saturation(ExperimentResult r, Side side, List<Point> out) {
        OutputActivation act = r.config(side).outputActivation();
        if (!act.bounded()) {
            return;
        }
        Tensor o = r.path(side).output();
        float[] d = o.data();
        int near = 0;
        for (float v : d) {
            if (v - act.low() <= 0.01f || act.high() - v <= 0.01f) {
                near++;
            }
        }
        double share = near / (double) d.length;
        boolean raw = r.settings().scaling() == InputScaling.RAW_0_255;
        String measured = String.format(Locale.ROOT, "%.1f%% of output values are within 0.01 of the %s's limits", 100 * share, act.label());
        if (share >= 0.5) {
            out.add(new Point(Level.PROBLEM, "Path " + side.name() + ": output nearly constant: " + measured + "."
                    + (raw ? RAW_WHY.formatted(act.label()) : "")));
        } else if (raw) {
            out.add(new Point(Level.WARNING, "Path " + side.name() + ": " + measured + "." + RAW_WHY.formatted(act.label())));
        }
    }

    private static final String RAW_WHY = " The input is raw 0..255 while the weights were drawn for inputs of about "
            + "unit size, so pre-activations grow far beyond the %s's working range (on larger crops it saturates). "
            + "Try input scaling 0..1.";

    /** Which path's upsampled layers show the stronger periodic pattern, by the phase measure. */
    private static void checkerboard(AnalysisSummary an, List<Point> out) {
        double[] worst = new double[2];
        String[] where = new String[2];
        for (Side side : Side.values()) {
            for (AnalysisSummary.Measure m : an.measures().get(side)) {
                if (m.period() > 1 && m.phase() > worst[side.ordinal()]) {
                    worst[side.ordinal()] = m.phase();
                    where[side.ordinal()] = m.layer();
                }
            }
        }
        if (where[0] == null && where[1] == null) {
            return;
        }
        if (worst[0] < 0.1 && worst[1] < 0.1) {
            out.add(new Point(Level.INFO, String.format(Locale.ROOT, "No checkerboard in either path: the phase measure "
                    + "(0 = none, 1 = pure pattern) is at most %s in path A and %s in path B.", fmt(worst[0], where[0]),
                    fmt(worst[1], where[1]))));
            return;
        }
        int hi = worst[1] > worst[0] ? 1 : 0;
        String text = String.format(Locale.ROOT, "Checkerboard (phase measure, 0 = none, 1 = pure pattern): path A %s, "
                + "path B %s. Path %s's %s is the most periodic layer.", fmt(worst[0], where[0]), fmt(worst[1], where[1]),
                hi == 0 ? "A" : "B", where[hi]);
        out.add(new Point(worst[hi] > 0.2 ? Level.WARNING : Level.INFO, text));
    }

    /** Whether a sentence is already in the list (the planner's shape warnings also open the problems). */
    private static boolean alreadySaid(List<Point> out, String w) {
        String key = w.toLowerCase(Locale.ROOT).replaceAll("[.\\s]+$", "");
        return out.stream().anyMatch(p -> p.text().toLowerCase(Locale.ROOT).contains(key));
    }

    private static String fmt(double v, String layer) {
        return layer == null ? "n/a (nothing upsamples)" : String.format(Locale.ROOT, "%.3f (%s)", v, layer);
    }

    static String geometry(PathConfig c) {
        return switch (c.path()) {
            case DecoderPathSpec.ResizeConv rc -> rc.mode().label() + " resize then convolution: every output pixel is "
                    + "computed the same way, so the geometry adds no periodic pattern.";
            case DecoderPathSpec.TransposedConv t -> t.kernel() % t.stride() == 0
                    ? "kernel " + t.kernel() + " is a multiple of stride " + t.stride() + ": every output pixel gets the same "
                      + "number of kernel taps; a checkerboard can still come from weights that differ between the "
                      + t.stride() * t.stride() + " phases."
                    : "kernel " + t.kernel() + " is not a multiple of stride " + t.stride() + ": neighbouring output pixels "
                      + "receive different numbers of kernel taps (uneven overlap), which draws a checkerboard.";
            case DecoderPathSpec.SubPixel sp -> "sub-pixel convolution: each of the " + sp.scale() * sp.scale()
                    + " output phases has its own filters; unless they start equal (ICNR) the phases differ.";
            case DecoderPathSpec.AsInReport ar -> "Keras 1 Deconvolution2D without subsample has stride 1: each stage "
                    + "adds " + (ar.kernel() - 1) + " pixel(s) instead of doubling the size, so the output never reaches "
                    + "the crop's size (Keras 1 ignored output_shape).";
        };
    }

    static String initialisation(PathConfig c) {
        Initialiser i = c.init().initialiser();
        return switch (i) {
            case BILINEAR -> "bilinear-kernel initialisation: the transposed convolutions start as bilinear upsampling.";
            case ICNR -> "ICNR initialisation: the sub-pixel convolutions start as nearest-neighbour upsampling.";
            case CONSTANT -> "constant weights: every filter is the same, so all filters of a layer look alike.";
            default -> "";
        };
    }
}
