package dev.decoderlens.export;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.NetworkRun;
import dev.decoderlens.experiment.OutputActivation;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.io.ColorMode;
import dev.decoderlens.render.ArgbImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.ColorScale;
import dev.decoderlens.render.ComparisonSheet;
import dev.decoderlens.render.ComparisonSheet.Panel;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.GridSheet;
import dev.decoderlens.render.Normalization;
import dev.decoderlens.render.OutputPicture;
import dev.decoderlens.render.ValueRange;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The pictures exports are made of, from a run and the options: the one place that decides which tensor, which
 * range and which labels, so the window's export and {@code render} give the same pixels.
 */
public final class Pictures {
    private Pictures() {
    }

    /** The filter grid of one layer, as the window shows it (no labels). */
    public static FilterGrid grid(ExportSource src, Branch branch, String layer, GridOptions o) {
        Tensor t = branch.run(src.result()).activation(layer);
        var settings = new FilterGrid.Settings(o.colorMap(), o.normalization(), o.scale(),
                o.normalization() == Normalization.SHARED ? sharedRange(src, branch, layer) : null, 2, 0);
        return FilterGrid.render(t, settings);
    }

    /**
     * The range {@link Normalization#SHARED} spans for a layer: the layer and its partner in the other path. The
     * partner is the other path's layer selected in the session's view (what the window shows beside it), else
     * the layer of the same stage (see {@link #counterpart}). Encoder layers are shared by both paths already:
     * their own range.
     */
    public static ValueRange sharedRange(ExportSource src, Branch branch, String layer) {
        Tensor t = branch.run(src.result()).activation(layer);
        if (branch == Branch.ENCODER) {
            return ValueRange.of(t);
        }
        Branch otherBranch = branch == Branch.A ? Branch.B : Branch.A;
        NetworkRun other = otherBranch.run(src.result());
        String partner = otherBranch == Branch.A ? src.session().view().layerA() : src.session().view().layerB();
        if (partner == null || !other.trace().has(partner)) {
            partner = counterpart(src.layer(branch, layer), other);
        }
        Tensor theirs = partner == null ? null : other.activation(partner);
        return FilterGrid.sharedRange(t, theirs != null && theirs.rank() == 4 ? theirs : null);
    }

    /** The name of the layer of {@code other} that matches {@code info}, or null when no stage matches. */
    public static String counterpart(LayerInfo info, NetworkRun other) {
        List<LayerInfo> same = other.layers().stream().filter(l -> l.stage() == info.stage()).toList();
        if (same.isEmpty()) {
            return null;
        }
        return same.stream().filter(l -> l.name().equals(info.name())).findFirst()
                .or(() -> same.stream().filter(l -> l.type().equals(info.type())).reduce((x, y) -> y))
                .orElse(same.getLast()).name();
    }

    /** The labelled grid: title (path, layer, shape; image, crop, input; path settings), indices, colour bar. */
    public static BufferedImage gridSheet(ExportSource src, Branch branch, String layer, FilterGrid grid) {
        LayerInfo info = src.layer(branch, layer);
        Tensor t = branch.run(src.result()).activation(layer);
        String shape = t.dim(1) + "x" + t.dim(2) + "x" + t.dim(3);
        List<String> title = new ArrayList<>();
        title.add(branch.label() + "  " + layer + "  " + info.title() + "  " + shape + " (CxHxW)");
        title.add(src.imageName() + "  " + src.cropText() + "  input " + src.result().settings().scaling().label());
        title.add(describe(src, branch));
        return GridSheet.compose(grid, title);
    }

    static String describe(ExportSource src, Branch branch) {
        var s = src.result().settings();
        if (branch == Branch.ENCODER) {
            return "encoder: " + s.encoder().title() + ", " + s.encoder().init().initialiser().label() + " seed " + s.encoder().init().seed();
        }
        return branch.label() + ": " + s.path(branch.side()).describe();
    }

    /** Input crop | path A output | path B output | A - B, each at the options' scale, labelled. */
    public static BufferedImage comparisonSheet(ExportSource src, GridOptions o) {
        ExperimentResult r = src.result();
        List<Panel> panels = new ArrayList<>();
        panels.add(new Panel("input crop " + r.crop().width() + "x" + r.crop().height(), inputPicture(r).scaled(o.scale()), null,
                "input " + r.settings().scaling().label()));
        for (Side side : Side.values()) {
            panels.add(outputPanel(r, side, o));
        }
        panels.add(differencePanel(src, o));
        List<String> title = new ArrayList<>();
        title.add("DecoderLens: " + src.imageName() + "  " + src.cropText() + "  input " + r.settings().scaling().label());
        for (Side side : Side.values()) {
            title.add(side.label() + ": " + r.config(side).describe());
        }
        for (Side side : Side.values()) {
            for (String w : src.analysis().warnings(side)) {
                title.add(side.label() + ": " + w);
            }
        }
        return ComparisonSheet.compose(title, panels);
    }

    /** The crop as the network sees it: its own pixels for RGB input, the grey channel for grey input. */
    static ArgbImage inputPicture(ExperimentResult r) {
        if (r.settings().colorMode() == ColorMode.RGB) {
            return new ArgbImage(r.crop().width(), r.crop().height(), r.crop().argb());
        }
        float[] range = r.settings().scaling().range(true);
        return OutputPicture.draw(r.input(), 0, ColorMap.GRAY, new ValueRange(range[0], range[1]));
    }

    static Panel outputPanel(ExperimentResult r, Side side, GridOptions o) {
        PathConfig config = r.config(side);
        Tensor out = r.path(side).output();
        String caption = side.label() + ": " + config.path().kind();
        if (!OutputPicture.drawable(out)) {
            return Panel.message(caption, "the output " + Arrays.toString(out.shape()) + " is not a 1- or 3-channel picture");
        }
        ValueRange data = ValueRange.of(out);
        OutputActivation act = config.outputActivation();
        ValueRange drawn = act.bounded() ? new ValueRange(act.low(), act.high()) : data;
        ArgbImage img = OutputPicture.draw(out, 0, o.colorMap(), drawn).scaled(o.scale());
        ColorScale bar = out.dim(1) == 1 ? ColorScale.of(o.colorMap(), drawn) : null;
        String note = out.dim(3) + "x" + out.dim(2) + ", values " + rangeText(data);
        return new Panel(caption, img, bar, note);
    }

    static Panel differencePanel(ExportSource src, GridOptions o) {
        var diff = src.analysis().difference();
        if (diff.isEmpty()) {
            return Panel.message("A - B", src.analysis().differenceMissing());
        }
        Tensor d = channelMean(diff.get().signed());
        ColorScale scale = ColorScale.of(ColorMap.RDBU, ValueRange.of(d));
        return new Panel("A - B (mean over channels)", OutputPicture.mapped(d, 0, 0, scale).scaled(o.scale()), scale,
                "values " + rangeText(ValueRange.of(d)));
    }

    /** (1, 1, H, W): the mean over the channels of batch item 0. */
    static Tensor channelMean(Tensor t) {
        int c = t.dim(1), h = t.dim(2), w = t.dim(3);
        float[] sum = new float[h * w], map = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            t.channelMap(0, ch, map);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += map[i] / c;
            }
        }
        return Tensor.of(new int[] {1, 1, h, w}, sum);
    }

    static String rangeText(ValueRange r) {
        return r.isEmpty() ? "none finite" : String.format(java.util.Locale.ROOT, "%.4g .. %.4g", r.min(), r.max());
    }
}
