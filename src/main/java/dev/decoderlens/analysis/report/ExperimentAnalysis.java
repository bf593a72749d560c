package dev.decoderlens.analysis.report;

import dev.decoderlens.analysis.OverlapMap;
import dev.decoderlens.analysis.PowerSpectrum;
import dev.decoderlens.analysis.RadialSpectrum;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.NetworkRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The analysis of one {@link ExperimentResult}, computed on demand and kept: ask for a layer and it is measured
 * once; ask again (from any thread) and the cached answer comes back. Plain Java: call it from the background
 * task that produced the result, hand the answers to the window.
 */
public final class ExperimentAnalysis {
    private final ExperimentResult result;
    private final Map<String, LayerAnalysis> layers = new ConcurrentHashMap<>();
    private final Map<String, RadialSpectrum> spectra = new ConcurrentHashMap<>();
    private volatile Optional<Difference> difference;

    public ExperimentAnalysis(ExperimentResult result) {
        this.result = result;
    }

    public ExperimentResult result() {
        return result;
    }

    /** A layer of the shared encoder (checkerboard measures do not apply: period 1). */
    public LayerAnalysis encoderLayer(String name) {
        return layers.computeIfAbsent("E/" + name, k -> measure(result.encoder(), name, 1, false));
    }

    /** A decoder layer of one path, with spectra. */
    public LayerAnalysis layer(Side side, String name) {
        return layers.computeIfAbsent(side + "/" + name, k -> measure(result.path(side), name, period(side, name), true));
    }

    /** The path's output layer. */
    public LayerAnalysis output(Side side) {
        return layer(side, result.path(side).plan().outputName());
    }

    /** The radial spectrum of a decoder layer (power averaged over its filters), computed once on request. */
    public RadialSpectrum spectrum(Side side, String name) {
        return spectra.computeIfAbsent(side + "/" + name, k -> {
            Tensor t = result.path(side).activation(name);
            int c = t.dim(1), h = t.dim(2), w = t.dim(3);
            double[] sum = new double[h * w];
            float[] map = new float[h * w];
            for (int ch = 0; ch < c; ch++) {
                double[] p = PowerSpectrum.of(t.channelMap(0, ch, map), w, 0, 0, h, w).power();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += p[i];
                }
            }
            return RadialSpectrum.ofSum(sum, h, w, c);
        });
    }

    /** The radial spectrum of the path's output. */
    public RadialSpectrum outputSpectrum(Side side) {
        return spectrum(side, result.path(side).plan().outputName());
    }

    /**
     * The sampling period of a decoder layer: the product of the strides and scales of the upsampling layers up
     * to and including it (4 after two x2 stages). Checkerboards of every shorter period divide it.
     */
    public int period(Side side, String name) {
        int p = 1;
        for (LayerInfo l : result.path(side).layers()) {
            p *= l.phaseStride();
            if (l.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(side.label() + " has no layer '" + name + "'");
    }

    /**
     * Overlap maps of the path's upsampling layers, by layer name: from the geometry for transposed convolutions,
     * uniform (kernel taps) for resize- and sub-pixel convolutions.
     */
    public Map<String, OverlapMap> overlaps(Side side) {
        Map<String, OverlapMap> out = new java.util.LinkedHashMap<>();
        List<LayerInfo> ls = result.path(side).layers();
        int[] in = result.encoder().output().shape();
        for (LayerInfo l : ls) {
            if (l.transposed() != null) {
                out.put(l.name(), OverlapMap.transposed(l.transposed(), in[2], in[3]));
            } else if (l.phaseStride() > 1) {
                out.put(l.name(), OverlapMap.uniform(l.height(), l.width(), 1));
            }
            in = l.outputShape();
        }
        return out;
    }

    /** A - B of the outputs, or empty when the shapes differ ({@link #differenceMissing()} says why). */
    public Optional<Difference> difference() {
        Optional<Difference> d = difference;
        if (d == null) {
            d = Difference.of(result.pathA().output(), result.pathB().output());
            difference = d;
        }
        return d;
    }

    public String differenceMissing() {
        return Difference.mismatch(result.pathA().output(), result.pathB().output());
    }

    /** The path's warnings: network-level shape problems, then every layer's shape problems, then the output's values. */
    public List<String> warnings(Side side) {
        NetworkRun run = result.path(side);
        List<String> out = new ArrayList<>(run.plan().warnings());
        for (LayerInfo l : run.layers()) {
            for (String w : l.warnings()) {
                out.add(l.name() + ": " + w);
            }
        }
        LayerAnalysis o = output(side);
        for (String w : o.warnings()) {
            if (!o.info().warnings().contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private LayerAnalysis measure(NetworkRun run, String name, int period, boolean spectra) {
        LayerInfo info = run.layers().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no layer '" + name + "' in " + run.plan().name()));
        boolean output = name.equals(run.plan().outputName()) && run != result.encoder();
        return LayerAnalysis.measure(info, run.activation(name), period, spectra, new WarningContext(result.settings().scaling(), output));
    }
}
