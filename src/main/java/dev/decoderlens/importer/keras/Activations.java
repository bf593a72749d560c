package dev.decoderlens.importer.keras;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.ActivationOp;
import dev.decoderlens.engine.op.Binary;
import dev.decoderlens.engine.op.Softmax;
import dev.decoderlens.importer.ImportException;

/**
 * Keras activations, given as a string ("relu"), as a serialized layer object ({"class_name": "LeakyReLU", ...},
 * which Keras 3 writes when a layer was passed as {@code activation=}), or as the activation layers themselves
 * (Activation, ReLU, LeakyReLU, ELU, Softmax). Elementwise ones fuse into the producing convolution; softmax,
 * capped ReLU and swish become nodes of their own.
 */
final class Activations {
    private Activations() {
    }

    /** A resolved activation: one engine activation, optionally capped from above, or a softmax, or swish. */
    private record Act(Activation fn, float cap, int softmaxAxis, boolean log, boolean swish) {
        static Act of(Activation a) {
            return new Act(a, Float.NaN, 0, false, false);
        }

        boolean fusable() {
            return fn != null && Float.isNaN(cap) && !swish;
        }
    }

    /** The engine activation to fuse into a producer, or null when {@code spec} needs nodes of its own. */
    static Activation fusable(GraphBuilder g, LayerConfig lc, JsonElement spec) throws ImportException {
        Act a = resolve(g, lc, spec);
        return a.fusable() ? a.fn() : null;
    }

    /** Applies {@code spec} to {@code t}; the last node is named {@code name}. Identity adds nothing. */
    static KTensor apply(GraphBuilder g, LayerConfig lc, JsonElement spec, KTensor t, String name) throws ImportException {
        return apply(g, resolve(g, lc, spec), t, name);
    }

    private static KTensor apply(GraphBuilder g, Act a, KTensor t, String name) {
        if (a.fn() == null) {
            String out = g.add(name, new Softmax(t.engineAxis(a.softmaxAxis()), a.log(), false), t.engine());
            return new KTensor(out, t.shape(), t.image());
        }
        if (a.swish()) {
            String sig = g.add(name + "/sigmoid", new ActivationOp(Activation.SIGMOID), t.engine());
            return new KTensor(g.add(name, new Binary(Binary.Fn.MUL), t.engine(), sig), t.shape(), t.image());
        }
        if (a.fn() == Activation.IDENTITY && Float.isNaN(a.cap())) {
            return t;
        }
        if (Float.isNaN(a.cap())) {
            return new KTensor(g.add(name, new ActivationOp(a.fn()), t.engine()), t.shape(), t.image());
        }
        String act = g.add(name + "/uncapped", new ActivationOp(a.fn()), t.engine());
        String cap = g.constant(name + "/max_value", Tensor.scalar(a.cap()));
        return new KTensor(g.add(name, new Binary(Binary.Fn.MIN), act, cap), t.shape(), t.image());
    }

    /** The activation layers: Activation, ReLU, LeakyReLU, ELU, Softmax. */
    static KTensor layer(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        Act a = switch (lc.className()) {
            case "Activation" -> resolve(g, lc, lc.find("activation"));
            default -> fromLayer(g, lc, lc.className(), lc.json());
        };
        KTensor out = apply(g, a, in, name);
        return out == in ? new KTensor(g.add(name, new ActivationOp(Activation.IDENTITY), in.engine()), in.shape(), in.image()) : out;
    }

    private static Act resolve(GraphBuilder g, LayerConfig lc, JsonElement spec) throws ImportException {
        if (spec == null || spec.isJsonNull()) {
            return Act.of(Activation.IDENTITY);
        }
        if (spec.isJsonPrimitive()) {
            return named(g, lc, spec.getAsString());
        }
        JsonObject o = spec.getAsJsonObject();
        String cls = o.has("class_name") ? o.get("class_name").getAsString() : "";
        JsonElement cfg = o.get("config");
        if (cfg != null && cfg.isJsonPrimitive()) {
            return named(g, lc, cfg.getAsString()); // Keras 3: {"class_name": "function", "config": "relu"}
        }
        JsonObject c = cfg != null && cfg.isJsonObject() ? cfg.getAsJsonObject() : new JsonObject();
        if (cls.equals("Activation")) {
            return resolve(g, lc, c.get("activation"));
        }
        return fromLayer(g, lc, cls, c);
    }

    private static Act fromLayer(GraphBuilder g, LayerConfig lc, String cls, JsonObject c) throws ImportException {
        LayerConfig ac = new LayerConfig(lc.name(), cls, c);
        return switch (cls) {
            case "LeakyReLU" -> Act.of(Activation.leakyRelu(ac.number(0.3f, "negative_slope", "alpha")));
            case "ELU" -> Act.of(Activation.elu(ac.number(1f, "alpha")));
            case "Softmax" -> new Act(null, Float.NaN, ac.integer(-1, "axis"), false, false);
            case "ReLU" -> relu(ac);
            default -> throw new ImportException(lc.what() + ": activation " + cls + " is not supported");
        };
    }

    /** Keras ReLU: x >= threshold ? min(x, max_value) : negative_slope * (x - threshold). */
    private static Act relu(LayerConfig ac) throws ImportException {
        float slope = ac.number(0f, "negative_slope");
        float threshold = ac.number(0f, "threshold");
        float max = ac.number(Float.NaN, "max_value");
        if (threshold != 0f) {
            throw ac.unsupported("with threshold " + threshold);
        }
        Activation base = slope == 0f ? Activation.RELU : Activation.leakyRelu(slope);
        if (!Float.isNaN(max) && slope == 0f) {
            return Act.of(Activation.clip(0f, max));
        }
        return new Act(base, max, 0, false, false);
    }

    private static Act named(GraphBuilder g, LayerConfig lc, String name) throws ImportException {
        return switch (name) {
            case "linear", "None", "" -> Act.of(Activation.IDENTITY);
            case "relu" -> Act.of(Activation.RELU);
            case "sigmoid" -> Act.of(Activation.SIGMOID);
            case "tanh" -> Act.of(Activation.TANH);
            case "softplus" -> Act.of(Activation.SOFTPLUS);
            case "selu" -> Act.of(Activation.SELU);
            case "elu" -> Act.of(Activation.elu(1f));
            case "relu6" -> Act.of(Activation.clip(0f, 6f));
            case "leaky_relu" -> Act.of(Activation.leakyRelu(0.2f));
            // Keras 3 redefined hard_sigmoid as relu6(x + 3) / 6; Keras 1 and 2 used clip(0.2 x + 0.5, 0, 1).
            case "hard_sigmoid" -> Act.of(g.kerasMajor() >= 3 ? Activation.hardSigmoid(1f / 6f, 0.5f) : Activation.hardSigmoid(0.2f, 0.5f));
            case "softmax" -> new Act(null, Float.NaN, -1, false, false);
            case "log_softmax" -> new Act(null, Float.NaN, -1, true, false);
            case "swish", "silu" -> new Act(Activation.SIGMOID, Float.NaN, 0, false, true);
            default -> throw new ImportException(lc.what() + ": activation '" + name + "' is not supported");
        };
    }
}
