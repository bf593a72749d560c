package dev.decoderlens.importer.keras;

import com.google.gson.JsonElement;
import dev.decoderlens.engine.Graph;
import dev.decoderlens.engine.GraphException;
import dev.decoderlens.engine.op.Transpose;
import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ImportedModel.InputSpec;
import dev.decoderlens.importer.ImportedModel.IoLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed Keras model (layers + weights) into an engine graph. Layers are visited in an order in which their
 * inputs exist; each call of a layer produces one Keras tensor. At the boundary, channels-last models keep their
 * images as engine NCHW (the CLI converts arrays to and from NHWC, {@link IoLayout#NHWC}); channels-first models
 * are NCHW throughout.
 */
final class KerasModelBuilder {
    private KerasModelBuilder() {
    }

    static ImportedModel build(String format, Path source, ModelConfig mc, WeightSource weights, String kerasVersion,
                               String backend) throws ImportException {
        boolean channelsLast = !anyChannelsFirst(mc);
        GraphBuilder g = new GraphBuilder(weights, kerasVersion, backend, channelsLast);
        Map<String, KTensor> tensors = new HashMap<>();
        List<InputSpec> inputs = new ArrayList<>();
        List<String> inputNames = new ArrayList<>();
        for (ModelConfig.Layer layer : mc.layers()) {
            if (layer.config().className().equals("InputLayer")) {
                KTensor t = input(g, layer.config(), channelsLast);
                tensors.put(new ModelConfig.TensorRef(layer.config().name(), 0, 0).key(), t);
                inputs.add(new InputSpec(t.engine(), t.engineShape()));
                inputNames.add(t.engine());
            }
        }
        if (inputs.isEmpty()) {
            throw new ImportException("the model has no input layer");
        }
        mapLayers(g, mc, tensors);
        List<String> outputs = new ArrayList<>();
        for (ModelConfig.TensorRef ref : mc.outputs()) {
            KTensor t = tensors.get(ref.key());
            if (t == null) {
                throw new ImportException("output '" + ref.layer() + "' is not produced by any layer");
            }
            outputs.add(boundary(g, t, channelsLast));
        }
        try {
            Graph graph = new Graph(mc.name(), inputNames, g.constants(), g.nodes(), outputs);
            return new ImportedModel(format, source, graph, inputs, channelsLast ? IoLayout.NHWC : IoLayout.NCHW);
        } catch (GraphException e) {
            throw new ImportException("the imported graph is inconsistent: " + e.getMessage(), e);
        }
    }

    /** Visits layer calls whose inputs are ready until all are done; refuses calls that never become ready. */
    private static void mapLayers(GraphBuilder g, ModelConfig mc, Map<String, KTensor> tensors) throws ImportException {
        List<Pending> pending = new ArrayList<>();
        for (ModelConfig.Layer layer : mc.layers()) {
            for (int call = 0; call < layer.calls().size(); call++) {
                if (!layer.config().className().equals("InputLayer")) {
                    pending.add(new Pending(layer, call));
                }
            }
        }
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                Pending p = it.next();
                List<KTensor> in = new ArrayList<>();
                for (ModelConfig.TensorRef r : p.layer().calls().get(p.call())) {
                    KTensor t = tensors.get(r.key());
                    if (t == null) {
                        in = null;
                        break;
                    }
                    in.add(t);
                }
                if (in == null) {
                    continue;
                }
                LayerConfig lc = p.layer().config();
                String name = p.call() == 0 ? lc.name() : lc.name() + "_call" + p.call();
                KTensor out;
                try {
                    out = LayerTable.map(g, lc, in, name);
                } catch (RuntimeException e) {
                    // An operator refusing its attributes, or a config value of the wrong JSON type.
                    throw new ImportException(lc.what() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                            : ModelConfig.firstLine(e.getMessage())), e);
                }
                tensors.put(new ModelConfig.TensorRef(lc.name(), p.call(), 0).key(), out);
                it.remove();
                progress = true;
            }
            if (!progress) {
                Pending p = pending.getFirst();
                throw new ImportException(p.layer().config().what() + " reads tensors that no layer produces: "
                        + p.layer().calls().get(p.call()));
            }
        }
    }

    private record Pending(ModelConfig.Layer layer, int call) {
    }

    private static KTensor input(GraphBuilder g, LayerConfig lc, boolean channelsLast) throws ImportException {
        int[] batchShape = lc.intList("batch_input_shape", "batch_shape");
        if (batchShape == null) {
            int[] shape = lc.intList("input_shape");
            if (shape == null) {
                throw lc.error("has no input shape");
            }
            batchShape = new int[shape.length + 1];
            batchShape[0] = -1;
            System.arraycopy(shape, 0, batchShape, 1, shape.length);
        }
        int[] shape = java.util.Arrays.copyOfRange(batchShape, 1, batchShape.length);
        g.reserve(lc.name());
        return new KTensor(lc.name(), shape, channelsLast && shape.length == 3);
    }

    /** Rank-4 outputs in the form the model's I/O layout promises: engine NCHW images for channels-last models. */
    private static String boundary(GraphBuilder g, KTensor t, boolean channelsLast) {
        if (t.rank() != 3 || t.image() == channelsLast) {
            return t.engine();
        }
        if (t.image()) {
            return g.plain(t).engine();
        }
        return g.add(t.engine() + "/nchw", new Transpose(new int[] {0, 3, 1, 2}), t.engine());
    }

    /** True when any layer says channels_first (Keras 2/3) or "th" (Keras 1): the model's images are NCHW. */
    private static boolean anyChannelsFirst(ModelConfig mc) {
        for (ModelConfig.Layer l : mc.layers()) {
            JsonElement f = l.config().find("data_format", "dim_ordering");
            if (f != null && f.isJsonPrimitive() && (f.getAsString().equals("channels_first") || f.getAsString().equals("th"))) {
                return true;
            }
        }
        return false;
    }
}
