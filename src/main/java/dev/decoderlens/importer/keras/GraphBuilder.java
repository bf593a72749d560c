package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Node;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Reshape;
import dev.decoderlens.engine.op.Transpose;
import dev.decoderlens.importer.ImportException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine graph under construction, plus what layer mappers need to know about the file: its weights, Keras
 * major version, backend and default data format. Tensors produced by a layer are named after the layer so the
 * layer list and {@code infer --all} show Keras names; helper nodes get a {@code /suffix}.
 */
final class GraphBuilder {
    private final WeightSource weights;
    private final int kerasMajor;
    private final String kerasVersion;
    private final String backend;
    private final boolean channelsLastDefault;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> constants = new LinkedHashMap<>();
    private final Set<String> names = new HashSet<>();

    GraphBuilder(WeightSource weights, String kerasVersion, String backend, boolean channelsLastDefault) {
        this.weights = weights;
        this.kerasVersion = kerasVersion == null ? "" : kerasVersion;
        this.kerasMajor = majorOf(this.kerasVersion);
        this.backend = backend;
        this.channelsLastDefault = channelsLastDefault;
    }

    static int majorOf(String version) {
        try {
            int dot = version.indexOf('.');
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    /** Keras major version (1, 2 or 3); 2 when the file does not say. */
    int kerasMajor() {
        return kerasMajor;
    }

    String kerasVersion() {
        return kerasVersion;
    }

    /** True when the weights were trained with Theano, whose convolutions flip the kernel. */
    boolean theano() {
        return "theano".equals(backend);
    }

    boolean channelsLastDefault() {
        return channelsLastDefault;
    }

    List<Node> nodes() {
        return nodes;
    }

    Map<String, Tensor> constants() {
        return constants;
    }

    /** The layer's saved arrays; refuses a count outside [min, max]. */
    List<WeightArray> weights(LayerConfig lc, int min, int max) throws ImportException {
        List<WeightArray> w = weights.of(lc);
        if (w.size() < min || w.size() > max) {
            throw lc.error("expected " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " weight arrays, the file has " + w.size() + " " + w);
        }
        return w;
    }

    /** {@code base}, or {@code base_1}, {@code base_2}... when taken. */
    String unique(String base) {
        String n = base;
        for (int i = 1; !names.add(n); i++) {
            n = base + "_" + i;
        }
        return n;
    }

    void reserve(String name) {
        names.add(name);
    }

    /** Adds a node named {@code name} with one output tensor of the same name; returns that name. */
    String add(String name, Op op, String... inputs) {
        String out = unique(name);
        nodes.add(new Node(out, op, List.of(inputs), List.of(out)));
        return out;
    }

    String constant(String name, Tensor t) {
        String n = unique(name);
        constants.put(n, t);
        return n;
    }

    /** The tensor held in its Keras shape: a channels-last image is transposed from engine NCHW to NHWC order. */
    KTensor plain(KTensor t) {
        if (!t.image()) {
            return t;
        }
        String out = add(t.engine() + "/nhwc", new Transpose(new int[] {0, 2, 3, 1}), t.engine());
        return new KTensor(out, t.shape(), false);
    }

    /**
     * A tensor whose row-major values are in Keras order, for layers that only care about that order (Flatten,
     * Reshape). A channels-last image becomes (N, H*W, C) by a reshape and a rank-3 transpose, so no rank-4 tensor in
     * NHWC order appears in the graph (the CLI and the grids read every rank-4 tensor as an image).
     */
    String kerasOrder(KTensor t) {
        if (!t.image()) {
            return t.engine();
        }
        String chw = add(t.engine() + "/c_hw", new Reshape(new int[] {0, t.dim(2), -1}, false), t.engine());
        return add(t.engine() + "/hw_c", new Transpose(new int[] {0, 2, 1}), chw);
    }

    /**
     * A Keras (H, W, C) result held in Keras order (engine (N, H, W, C)) moved to the channels-last image form, as
     * {@code name}: every rank-4 tensor a layer of a channels-last model hands on is then an image the grids can show.
     */
    KTensor toImage(String engine, int[] kerasShape, String name) {
        return new KTensor(add(name, new Transpose(new int[] {0, 3, 1, 2}), engine), kerasShape, true);
    }

    /**
     * Values in Keras (H, W, C) order, held in any engine shape, as the channels-last image {@code name}, through
     * rank-3 helpers (N, H*W, C) -> (N, C, H*W) so that no rank-4 tensor in NHWC order appears. Needs H, W, C known.
     */
    KTensor imageFromKerasOrder(String engine, int[] hwc, String name) {
        String rows = add(name + "/hw_c", new Reshape(new int[] {0, hwc[0] * hwc[1], hwc[2]}, false), engine);
        String cols = add(name + "/c_hw", new Transpose(new int[] {0, 2, 1}), rows);
        return new KTensor(add(name, new Reshape(new int[] {0, hwc[2], hwc[0], hwc[1]}, false), cols), hwc, true);
    }

    /**
     * The engine (N, C, H, W) tensor a 2-D image layer with the given data format reads from {@code t}, with its
     * (C, H, W) in {@code chwOut}. A channels-last layer reading a plain (N, H, W, C) tensor gets it transposed.
     */
    String image(LayerConfig lc, KTensor t, boolean channelsLast, int[] chwOut) throws ImportException {
        if (t.rank() != 3) {
            throw lc.error("expects an image input (rank 4 with the batch axis), got shape " + shapeString(t.shape()));
        }
        int[] s = t.shape();
        if (channelsLast) {
            chwOut[0] = s[2];
            chwOut[1] = s[0];
            chwOut[2] = s[1];
            if (t.image()) {
                return t.engine();
            }
            return add(t.engine() + "/nchw", new Transpose(new int[] {0, 3, 1, 2}), t.engine());
        }
        chwOut[0] = s[0];
        chwOut[1] = s[1];
        chwOut[2] = s[2];
        return plain(t).engine();
    }

    /** A 2-D image layer's output: engine (N, C, H, W) named {@code engine}, in the layer's data format. */
    static KTensor imageOut(String engine, int c, int h, int w, boolean channelsLast) {
        return channelsLast ? new KTensor(engine, new int[] {h, w, c}, true) : new KTensor(engine, new int[] {c, h, w}, false);
    }

    static String shapeString(int[] kerasShape) {
        StringBuilder sb = new StringBuilder("(None");
        for (int d : kerasShape) {
            sb.append(", ").append(d < 0 ? "None" : String.valueOf(d));
        }
        return sb.append(')').toString();
    }
}
