package dev.decoderlens.analysis.report;

import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.analysis.MapStats;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.Parallel;
import dev.decoderlens.experiment.LayerInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything measured on one layer's output: statistics of the whole layer and of each filter, dead filters,
 * saturation, and the checkerboard measures per filter and pooled over the layer. The radial spectrum, which
 * needs a full FFT per filter, is computed separately on request ({@link ExperimentAnalysis#spectrum}).
 *
 * @param period        the sampling period the checkerboard measures use (1: the layer is not upsampled)
 * @param filters       per filter (channel) statistics
 * @param filterBoards  per filter checkerboard measures
 * @param checkerboard  the layer's pooled measure ({@link Checkerboard#pooled})
 * @param warnings      shape and value problems in words
 */
public record LayerAnalysis(LayerInfo info, int period, MapStats stats, List<MapStats> filters, int deadFilters,
                            List<Checkerboard> filterBoards, Checkerboard checkerboard, List<String> warnings) {

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

    /**
     * Measures {@code t}, the output of the layer {@code info}, sampled with {@code period}; without
     * {@code spectra} only the phase measure is computed.
     */
    static LayerAnalysis measure(LayerInfo info, Tensor t, int period, boolean spectra, WarningContext context) {
        int c = t.dim(1), h = t.dim(2), w = t.dim(3);
        double[] lim = limits(info.activation());
        // One transposition to channel-major, then contiguous copies: reading each channel straight out of the
        // NHWC storage would touch every cache line of the tensor once per channel.
        float[] planes = t.toRowMajor().data();
        int hw = h * w;
        MapStats.Accumulator[] acc = new MapStats.Accumulator[c];
        Checkerboard[] board = new Checkerboard[c];
        // Filters are independent: measure them on the engine's worker threads.
        Parallel.forEach(c, ch -> {
            float[] map = java.util.Arrays.copyOfRange(planes, ch * hw, (ch + 1) * hw);
            acc[ch] = new MapStats.Accumulator(lim[0], lim[1]).add(map, 0, hw);
            board[ch] = Checkerboard.of(map, h, w, period, period, spectra);
        });
        MapStats.Accumulator all = new MapStats.Accumulator(lim[0], lim[1]);
        List<MapStats> filters = new ArrayList<>(c);
        int dead = 0;
        for (MapStats.Accumulator a : acc) {
            all.merge(a);
            MapStats s = a.stats();
            filters.add(s);
            dead += s.dead() ? 1 : 0;
        }
        List<Checkerboard> boards = List.of(board);
        MapStats stats = all.stats();
        Checkerboard pooled = Checkerboard.pooled(boards);
        List<String> warnings = new ArrayList<>(info.warnings());
        warnings.addAll(Warnings.forValues(info, stats, filters, dead, pooled, context));
        return new LayerAnalysis(info, period, stats, filters, dead, boards, pooled, warnings);
    }
}
