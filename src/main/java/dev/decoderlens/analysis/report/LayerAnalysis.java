package dev.decoderlens.analysis.report;

import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.analysis.MapStats;
import dev.decoderlens.engine.Layout;
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

    /** Channels measured per task. */
    private static final int GROUP = 16;
    /** Per thread: GROUP channel planes and one map, kept between layers and runs; the collector may take them. */
    private static final ThreadLocal<java.lang.ref.SoftReference<float[][]>> SCRATCH = new ThreadLocal<>();

    private static float[][] scratch(int k, int hw) {
        java.lang.ref.SoftReference<float[][]> ref = SCRATCH.get();
        float[][] b = ref == null ? null : ref.get();
        if (b == null || b[0].length < k * hw || b[1].length < hw) {
            b = new float[][] {new float[GROUP * hw], new float[hw]};
            SCRATCH.set(new java.lang.ref.SoftReference<>(b));
        }
        return b;
    }

    /**
     * Measures {@code t}, the output of the layer {@code info}, sampled with {@code period}; without
     * {@code spectra} only the phase measure is computed.
     */
    static LayerAnalysis measure(LayerInfo info, Tensor t, int period, boolean spectra, WarningContext context) {
        int c = t.dim(1), h = t.dim(2), w = t.dim(3);
        double[] lim = limits(info.activation());
        int hw = h * w;
        MapStats.Accumulator[] acc = new MapStats.Accumulator[c];
        Checkerboard[] board = new Checkerboard[c];
        float[] data = t.data();
        boolean channelsLast = t.layout() == Layout.NHWC;
        // Filters are independent: measure them on the engine's worker threads, GROUP channels per task. A group is
        // gathered out of the NHWC storage in one pass (a cache line holds 16 neighbouring channels of a pixel), into
        // buffers each thread keeps: converting the whole tensor to channel-major and copying every map out of it
        // allocated twice the size of the trace after every run (1.4 GB at 512x512), all of it fresh memory.
        int groups = (c + GROUP - 1) / GROUP;
        Parallel.forEach(groups, g -> {
            int c0 = g * GROUP, k = Math.min(c, c0 + GROUP) - c0;
            float[][] buffers = scratch(k, hw);
            float[] planes = buffers[0], map = buffers[1];
            if (channelsLast) {
                for (int p = 0; p < hw; p++) {
                    int src = p * c + c0;
                    for (int j = 0; j < k; j++) {
                        planes[j * hw + p] = data[src + j];
                    }
                }
            } else {
                System.arraycopy(data, c0 * hw, planes, 0, k * hw);
            }
            for (int j = 0; j < k; j++) {
                System.arraycopy(planes, j * hw, map, 0, hw);
                acc[c0 + j] = new MapStats.Accumulator(lim[0], lim[1]).add(map, 0, hw);
                board[c0 + j] = Checkerboard.of(map, h, w, period, period, spectra);
            }
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
