package dev.decoderlens.app.vm;

import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.analysis.OverlapMap;
import dev.decoderlens.analysis.PowerSpectrum;
import dev.decoderlens.analysis.RadialSpectrum;
import dev.decoderlens.analysis.report.Difference;
import dev.decoderlens.analysis.report.ExperimentAnalysis;
import dev.decoderlens.analysis.report.LayerAnalysis;
import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.render.ArgbImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.ColorScale;
import dev.decoderlens.render.ValueRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the Analysis tab shows for one run, computed on a worker from {@link ExperimentAnalysis}: checkerboard
 * measures of every decoder layer, the overlap maps of the upsampling layers, the radial power spectra of both
 * outputs, the difference map A - B, and each path's warnings in words.
 */
public record AnalysisSummary(Map<Side, List<Measure>> measures, Map<Side, List<Overlap>> overlaps,
                              Map<Side, RadialSpectrum> spectra, ArgbImage difference, ColorScale differenceScale,
                              String differenceMissing, Map<Side, List<String>> warnings) {

    /** One decoder layer's numbers: the pooled phase and spectral checkerboard measures, dead filters. */
    public record Measure(String layer, String type, int period, double phase, double spectral, int deadFilters, int filters) {
    }

    /** One upsampling layer's overlap map (its top-left corner, 8x): how many kernel taps reach each output pixel. */
    public record Overlap(String layer, ArgbImage picture, ColorScale scale, int[] distinct, boolean uniformInside) {
    }

    /** Measures a run; checks {@code cancel} between layers. */
    public static AnalysisSummary of(ExperimentResult r, CancellationToken cancel) {
        ExperimentAnalysis analysis = new ExperimentAnalysis(r);
        Map<Side, List<Measure>> measures = new EnumMap<>(Side.class);
        Map<Side, List<Overlap>> overlaps = new EnumMap<>(Side.class);
        Map<Side, RadialSpectrum> spectra = new EnumMap<>(Side.class);
        Map<Side, List<String>> warnings = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            List<Measure> ms = new ArrayList<>();
            for (LayerInfo l : r.path(side).layers()) {
                cancel.check();
                LayerAnalysis la = analysis.layer(side, l.name());
                Checkerboard c = la.checkerboard();
                ms.add(new Measure(l.name(), l.type(), la.period(), c.phase(), c.spectral(), la.deadFilters(), l.channels()));
            }
            measures.put(side, ms);
            List<Overlap> os = new ArrayList<>();
            analysis.overlaps(side).forEach((name, map) -> os.add(overlap(name, map)));
            overlaps.put(side, os);
            spectra.put(side, spectrum(r.path(side).output()));
            warnings.put(side, analysis.warnings(side));
        }
        cancel.check();
        ArgbImage diff = null;
        ColorScale scale = null;
        var d = analysis.difference();
        if (d.isPresent()) {
            float[] mean = channelMean(d.get().signed());
            scale = ColorScale.of(ColorMap.RDBU, ValueRange.of(mean));
            int[] px = new int[mean.length];
            for (int i = 0; i < px.length; i++) {
                px[i] = scale.argb(mean[i]);
            }
            diff = new ArgbImage(d.get().signed().dim(3), d.get().signed().dim(2), px);
        }
        return new AnalysisSummary(measures, overlaps, spectra, diff, scale, d.isPresent() ? "" : analysis.differenceMissing(), warnings);
    }

    /** The overlap map's top-left corner (up to 16 x 16, border included): the period is what matters. */
    private static Overlap overlap(String name, OverlapMap m) {
        int h = Math.min(16, m.height()), w = Math.min(16, m.width());
        int max = Arrays.stream(m.counts()).max().orElse(1);
        ColorScale s = ColorScale.of(ColorMap.VIRIDIS, new ValueRange(0, Math.max(1, max)));
        int[] px = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = s.argb(m.count(y, x));
            }
        }
        // enlarged here, nearest neighbour: the software pipeline may smooth a magnified ImageView
        return new Overlap(name, new ArgbImage(w, h, px).scaled(8), s, m.distinctCounts(), m.uniformInside(Math.min(m.width(), m.height()) / 8));
    }

    /** The radial log-power spectrum of an output, power averaged over its channels. */
    static RadialSpectrum spectrum(Tensor out) {
        int c = out.dim(1), h = out.dim(2), w = out.dim(3);
        double[] sum = new double[h * w];
        float[] map = new float[h * w];
        for (int ch = 0; ch < c; ch++) {
            out.channelMap(0, ch, map);
            double[] p = PowerSpectrum.of(map, w, 0, 0, h, w).power();
            for (int i = 0; i < sum.length; i++) {
                sum[i] += p[i];
            }
        }
        return RadialSpectrum.ofSum(sum, h, w, c);
    }

    /** The (H, W) mean over channels of batch item 0. */
    static float[] channelMean(Tensor t) {
        int c = t.dim(1), hw = t.dim(2) * t.dim(3);
        float[] out = new float[hw], map = new float[hw];
        for (int ch = 0; ch < c; ch++) {
            t.channelMap(0, ch, map);
            for (int i = 0; i < hw; i++) {
                out[i] += map[i] / c;
            }
        }
        return out;
    }
}
