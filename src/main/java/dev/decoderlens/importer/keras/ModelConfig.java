package dev.decoderlens.importer.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.decoderlens.importer.ImportException;
import java.util.ArrayList;
import java.util.List;

/**
 * The architecture part of a Keras model ({@code model_config} of an HDF5 file, {@code config.json} of an archive,
 * {@code to_json()} output) as a list of layer calls. Sequential models become a chain; Functional models (class
 * "Model" in Keras 1/2, "Functional" in Keras 2.4+ and 3) keep their inbound nodes, whose format changed in Keras 3
 * from {@code [[name, node, tensor, kwargs], ...]} to {@code {"args": [keras tensors...], "kwargs": {...}}}.
 */
record ModelConfig(String name, List<Layer> layers, List<TensorRef> inputs, List<TensorRef> outputs) {

    /** Output {@code index} of call {@code node} of layer {@code layer}. */
    record TensorRef(String layer, int node, int index) {
        String key() {
            return layer + ":" + node + ":" + index;
        }
    }

    /** A layer and the inputs of each of its calls (one call unless the layer is shared). */
    record Layer(LayerConfig config, List<List<TensorRef>> calls) {
    }

    static ModelConfig parse(String json) throws ImportException {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new ImportException("the model configuration is not valid JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("class_name")) {
            throw new ImportException("the model configuration has no 'class_name': not a Keras model");
        }
        JsonObject top = root.getAsJsonObject();
        String cls = top.get("class_name").getAsString();
        JsonElement config = top.get("config");
        try {
            return model(cls, config, false);
        } catch (RuntimeException e) {
            // Gson refuses wrong types with IllegalStateException / ClassCastException; missing keys give nulls.
            String why = e instanceof ClassCastException ? "a value has the wrong JSON type"
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
            throw new ImportException("the model configuration is malformed (" + why + ")", e);
        }
    }

    private static final java.util.Set<String> MODELS = java.util.Set.of("Sequential", "Model", "Functional");

    private static ModelConfig model(String cls, JsonElement config, boolean nested) throws ImportException {
        return switch (cls) {
            case "Sequential" -> sequential(config, nested);
            case "Model", "Functional" -> functional(config.getAsJsonObject());
            default -> throw new ImportException("model class '" + cls + "' is not supported (Sequential and Functional models are)");
        };
    }

    private static ModelConfig sequential(JsonElement config, boolean nested) throws ImportException {
        JsonArray list = config.isJsonArray() ? config.getAsJsonArray() : config.getAsJsonObject().getAsJsonArray("layers");
        String modelName = config.isJsonObject() && config.getAsJsonObject().has("name")
                ? config.getAsJsonObject().get("name").getAsString() : "sequential";
        if (list == null || list.isEmpty()) {
            throw new ImportException("the Sequential model has no layers");
        }
        List<Layer> layers = new ArrayList<>();
        TensorRef previous = null;
        for (JsonElement e : list) {
            LayerConfig lc = layerConfig(e.getAsJsonObject(), null);
            if (previous == null && !lc.className().equals("InputLayer")) {
                // Keras 1/2 Sequential models carry the input shape on their first layer.
                JsonElement shape = lc.find("batch_input_shape", "batch_shape");
                if (shape == null && !nested) {
                    throw new ImportException("the Sequential model's first layer '" + lc.name() + "' has no input shape");
                }
                JsonObject in = new JsonObject();
                if (shape != null) {
                    in.add("batch_input_shape", shape);
                }
                LayerConfig input = new LayerConfig(lc.name() + "_input", "InputLayer", in);
                layers.add(new Layer(input, List.of()));
                previous = new TensorRef(input.name(), 0, 0);
            }
            layers.add(new Layer(lc, previous == null ? List.of() : List.of(List.of(previous))));
            previous = new TensorRef(lc.name(), 0, 0);
        }
        TensorRef input = new TensorRef(layers.getFirst().config().name(), 0, 0);
        return flatten(modelName, layers, List.of(input), List.of(previous));
    }

    private static ModelConfig functional(JsonObject config) throws ImportException {
        List<Layer> layers = new ArrayList<>();
        for (JsonElement e : config.getAsJsonArray("layers")) {
            JsonObject lo = e.getAsJsonObject();
            LayerConfig lc = layerConfig(lo, lo.has("name") ? lo.get("name").getAsString() : null);
            List<List<TensorRef>> calls = new ArrayList<>();
            JsonArray nodes = lo.has("inbound_nodes") ? lo.getAsJsonArray("inbound_nodes") : new JsonArray();
            for (JsonElement node : nodes) {
                List<TensorRef> refs = new ArrayList<>();
                if (node.isJsonObject()) {
                    collectKerasTensors(node.getAsJsonObject().get("args"), refs);
                } else {
                    for (JsonElement r : node.getAsJsonArray()) {
                        refs.add(ref(r.getAsJsonArray()));
                    }
                }
                calls.add(refs);
            }
            layers.add(new Layer(lc, calls));
        }
        String name = config.has("name") ? config.get("name").getAsString() : "model";
        return flatten(name, layers, refs(config.get("input_layers")), refs(config.get("output_layers")));
    }

    /**
     * Gives each layer its archive path (Keras 3 addresses layers by snake_case class and a per-class counter, in
     * layer order) and replaces nested models (a Sequential or Functional model used as a layer) by their layers,
     * wired to the nested model's call: its inputs become the call's arguments, its outputs stand for the model.
     */
    private static ModelConfig flatten(String name, List<Layer> layers, List<TensorRef> inputs, List<TensorRef> outputs)
            throws ImportException {
        java.util.Map<String, Integer> used = new java.util.HashMap<>();
        java.util.Map<String, TensorRef> alias = new java.util.HashMap<>();
        List<Layer> flat = new ArrayList<>();
        for (Layer l : layers) {
            String base = Hdf5Weights.snakeCase(l.config().className());
            int n = used.merge(base, 1, Integer::sum) - 1;
            LayerConfig lc = l.config().withArchivePath(n == 0 ? base : base + "_" + n);
            if (!MODELS.contains(lc.className())) {
                flat.add(new Layer(lc, l.calls()));
                continue;
            }
            if (l.calls().size() != 1) {
                throw new ImportException(lc.what() + " is called " + l.calls().size()
                        + " times; nested models are supported when called once");
            }
            ModelConfig sub = model(lc.className(), lc.json(), true);
            List<TensorRef> args = l.calls().getFirst();
            if (args.size() != sub.inputs().size()) {
                throw new ImportException(lc.what() + " takes " + sub.inputs().size() + " inputs, it is given " + args.size());
            }
            java.util.Map<String, TensorRef> subst = new java.util.HashMap<>();
            for (int i = 0; i < args.size(); i++) {
                subst.put(sub.inputs().get(i).key(), args.get(i));
            }
            for (Layer inner : sub.layers()) {
                if (inner.config().className().equals("InputLayer") && subst.containsKey(new TensorRef(inner.config().name(), 0, 0).key())) {
                    continue;
                }
                flat.add(new Layer(inner.config().nestedIn(lc.name(), lc.archivePath()), mapRefs(inner.calls(), subst)));
            }
            for (int k = 0; k < sub.outputs().size(); k++) {
                TensorRef o = sub.outputs().get(k);
                alias.put(new TensorRef(lc.name(), 0, k).key(), subst.getOrDefault(o.key(), o));
            }
        }
        if (alias.isEmpty()) {
            return new ModelConfig(name, flat, inputs, outputs);
        }
        List<Layer> resolved = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Layer l : flat) {
            if (!names.add(l.config().name())) {
                throw new ImportException("two layers are called '" + l.config().name() + "' (in a nested model)");
            }
            resolved.add(new Layer(l.config(), mapRefs(l.calls(), alias)));
        }
        return new ModelConfig(name, resolved, inputs, mapRefs(List.of(outputs), alias).getFirst());
    }

    private static List<List<TensorRef>> mapRefs(List<List<TensorRef>> calls, java.util.Map<String, TensorRef> map) {
        List<List<TensorRef>> out = new ArrayList<>();
        for (List<TensorRef> call : calls) {
            out.add(call.stream().map(r -> map.getOrDefault(r.key(), r)).toList());
        }
        return out;
    }

    private static LayerConfig layerConfig(JsonObject lo, String name) throws ImportException {
        if (!lo.has("class_name")) {
            throw new ImportException("a layer entry has no 'class_name'");
        }
        String cls = lo.get("class_name").getAsString();
        JsonObject cfg = lo.has("config") && lo.get("config").isJsonObject() ? lo.getAsJsonObject("config") : new JsonObject();
        if (lo.has("config") && lo.get("config").isJsonArray()) {
            cfg.add("layers", lo.get("config")); // a nested Keras 1/2.1 Sequential model: its config is its layer list
        }
        if (name == null) {
            name = cfg.has("name") ? cfg.get("name").getAsString() : cls.toLowerCase();
        }
        return new LayerConfig(name, cls, cfg);
    }

    /** Keras 3: the layer's inputs are the {@code __keras_tensor__} objects anywhere inside {@code args}. */
    private static void collectKerasTensors(JsonElement e, List<TensorRef> out) {
        if (e == null || e.isJsonNull() || e.isJsonPrimitive()) {
            return;
        }
        if (e.isJsonArray()) {
            for (JsonElement c : e.getAsJsonArray()) {
                collectKerasTensors(c, out);
            }
            return;
        }
        JsonObject o = e.getAsJsonObject();
        if (o.has("class_name") && "__keras_tensor__".equals(o.get("class_name").getAsString())) {
            out.add(ref(o.getAsJsonObject("config").getAsJsonArray("keras_history")));
        }
    }

    /** input_layers / output_layers: a list of [name, node, tensor], or (Keras 3, one tensor) just one triple. */
    private static List<TensorRef> refs(JsonElement e) throws ImportException {
        if (e == null || !e.isJsonArray() || e.getAsJsonArray().isEmpty()) {
            throw new ImportException("the Functional model does not list its input and output layers");
        }
        JsonArray a = e.getAsJsonArray();
        if (a.get(0).isJsonPrimitive()) {
            return List.of(ref(a));
        }
        List<TensorRef> out = new ArrayList<>();
        for (JsonElement r : a) {
            out.add(ref(r.getAsJsonArray()));
        }
        return out;
    }

    private static TensorRef ref(JsonArray a) {
        return new TensorRef(a.get(0).getAsString(), a.size() > 1 ? a.get(1).getAsInt() : 0, a.size() > 2 ? a.get(2).getAsInt() : 0);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
