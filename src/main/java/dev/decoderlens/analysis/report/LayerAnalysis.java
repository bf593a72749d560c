package dev.decoderlens.analysis.report;

import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.analysis.MapStats;
import dev.decoderlens.analysis.RadialSpectrum;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.LayerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything measured on one layer's output: statistics of the whole layer and of each filter, dead filters,
 * saturation, the checkerboard measures per filter and pooled over the layer, and the layer's radial spectrum.
 *
 * @param period        the sampling period the checkerboard measures use (1: the layer is not upsampled)
 * @param filters       per filter (channel) statistics
 * @param filterBoards  per filter checkerboard measures
 * @param checkerboard  the layer's pooled measure ({@link Checkerboard#pooled})
 * @param spectrum      the radial spectrum of the layer (power averaged over filters), null when period is 1
 * @param warnings      shape and value problems in words
 */
public record LayerAnalysis(LayerInfo info, int period, MapStats stats, List<MapStats> filters, int deadFilters,
                            List<Checkerboard> filterBoards, Checkerboard checkerboard, RadialSpectrum spectrum, List<String> warnings) {

    public LayerAnalysis {
        filters = List.copyOf(filters);
        filterBoards = List.copyOf(filterBoards);
        warnings = List.copyOf(warnings);
    }

    /** The activation's limits for saturation counts: (0, 1) for sigmoid, (-1, 1) for tanh, unbounded otherwise. */
    static double[] limits(String activation) {
        return switch (activation) {
            case "Sigmoid" -> new double[] {0, 1};
            case "Tanh" -> new double[] {-1, 1};
            default -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        };
    }

    /** Measures {@code t}, the output of the layer {@code info}, sampled with {@code period}. */
    static LayerAnalysis measure(LayerInfo info, Tensor t, int period, boolean spectra, WarningContext context) {
        int c = t.dim(1), h = t.dim(2), w = t.dim(3);
        double[] lim = limits(info.activation());
        MapStats.Accumulator all = new MapStats.Accumulator(lim[0], lim[1]);
        List<MapStats> filters = new ArrayList<>(c);
        List<Checkerboard> boards = new ArrayList<>(c);
        float[] map = new float[h * w];
        double[] power = spectra && period > 1 ? new double[h * w] : null;
        int dead = 0;
        for (int ch = 0; ch < c; ch++) {
            t.channelMap(0, ch, map);
            all.add(map, 0, map.length);
            MapStats s = MapStats.of(map, 0, map.length, lim[0], lim[1]);
            filters.add(s);
            if (s.dead()) {
                dead++;
            }
            boards.add(Checkerboard.of(map, h, w, period, period, spectra));
            if (power != null) {
                dev.decoderlens.analysis.PowerSpectrum p = dev.decoderlens.analysis.PowerSpectrum.of(map, w, 0, 0, h, w);
                double[] pp = p.power();
                for (int i = 0; i < pp.length; i++) {
                    power[i] += pp[i];
                }
            }
        }
        MapStats stats = all.stats();
        Checkerboard pooled = Checkerboard.pooled(boards);
        RadialSpectrum spectrum = power == null ? null : RadialSpectrum.ofSum(power, h, w, c);
        List<String> warnings = new ArrayList<>(info.warnings());
        warnings.addAll(Warnings.forValues(info, stats, filters, dead, pooled, context));
        return new LayerAnalysis(info, period, stats, filters, dead, boards, pooled, spectrum, warnings);
    }
}
