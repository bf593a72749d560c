package dev.decoderlens.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.decoderlens.experiment.DecoderPathSpec;
import dev.decoderlens.experiment.DecoderPathSpec.AsInReport;
import dev.decoderlens.experiment.DecoderPathSpec.ResizeConv;
import dev.decoderlens.experiment.DecoderPathSpec.SubPixel;
import dev.decoderlens.experiment.DecoderPathSpec.TransposedConv;
import dev.decoderlens.experiment.EncoderSpec;
import dev.decoderlens.experiment.ExperimentSettings;
import dev.decoderlens.experiment.Initialiser;
import dev.decoderlens.experiment.OutputActivation;
import dev.decoderlens.experiment.PaddingMode;
import dev.decoderlens.experiment.PathConfig;
import dev.decoderlens.experiment.ResizeMode;
import dev.decoderlens.experiment.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link ExperimentSettings} to JSON and back, field by field, so that a session, an export sidecar and the
 * {@code render} report all write the same settings block and reading it gives back equal settings (seeds are
 * JSON integers, float constants keep their shortest exact decimal form). A missing or wrong field is refused
 * with its path in the JSON ("settings.pathB.path.kernel").
 */
public final class SessionJson {
    private SessionJson() {
    }

    /** Thrown for a JSON document that does not describe valid settings; the message names the field. */
    public static final class FormatException extends RuntimeException {
        public FormatException(String message) {
            super(message);
        }
    }

    public static JsonObject settings(ExperimentSettings s) {
        JsonObject o = new JsonObject();
        o.add("encoder", encoder(s.encoder()));
        o.addProperty("inputScaling", s.scaling().name());
        o.addProperty("colorMode", s.colorMode().name());
        o.add("pathA", path(s.pathA()));
        o.add("pathB", path(s.pathB()));
        return o;
    }

    public static ExperimentSettings settings(JsonObject o, String at) {
        try {
            return new ExperimentSettings(encoder(obj(o, "encoder", at), at + ".encoder"),
                    enumOf(InputScaling.class, o, "inputScaling", at), enumOf(ColorMode.class, o, "colorMode", at),
                    path(obj(o, "pathA", at), at + ".pathA"), path(obj(o, "pathB", at), at + ".pathB"));
        } catch (IllegalArgumentException e) {
            throw new FormatException(at + ": " + e.getMessage());
        }
    }

    static JsonObject encoder(EncoderSpec e) {
        JsonObject o = new JsonObject();
        o.addProperty("id", e.id());
        o.addProperty("title", e.title());
        JsonArray layers = new JsonArray();
        for (EncoderSpec.Layer l : e.layers()) {
            JsonObject lo = new JsonObject();
            switch (l) {
                case EncoderSpec.Conv c -> {
                    lo.addProperty("type", "conv");
                    lo.addProperty("filters", c.filters());
                    lo.addProperty("kernel", c.kernel());
                }
                case EncoderSpec.MaxPool p -> {
                    lo.addProperty("type", "maxpool");
                    lo.addProperty("size", p.size());
                }
            }
            layers.add(lo);
        }
        o.add("layers", layers);
        o.add("init", init(e.init()));
        return o;
    }

    static EncoderSpec encoder(JsonObject o, String at) {
        List<EncoderSpec.Layer> layers = new ArrayList<>();
        JsonArray arr = array(o, "layers", at);
        for (int i = 0; i < arr.size(); i++) {
            String where = at + ".layers[" + i + "]";
            if (!arr.get(i).isJsonObject()) {
                throw new FormatException(where + " must be an object");
            }
            JsonObject lo = arr.get(i).getAsJsonObject();
            String type = str(lo, "type", where);
            layers.add(switch (type) {
                case "conv" -> new EncoderSpec.Conv(integer(lo, "filters", where), integer(lo, "kernel", where));
                case "maxpool" -> new EncoderSpec.MaxPool(integer(lo, "size", where));
                default -> throw new FormatException(where + ".type: unknown encoder layer '" + type + "' (conv, maxpool)");
            });
        }
        return new EncoderSpec(str(o, "id", at), str(o, "title", at), layers, init(obj(o, "init", at), at + ".init"));
    }

    static JsonObject path(PathConfig p) {
        JsonObject o = new JsonObject();
        o.add("path", decoder(p.path()));
        o.addProperty("outputActivation", p.outputActivation().name());
        o.add("init", init(p.init()));
        o.addProperty("description", p.describe()); // for readers; ignored when read back
        return o;
    }

    static PathConfig path(JsonObject o, String at) {
        return new PathConfig(decoder(obj(o, "path", at), at + ".path"), enumOf(OutputActivation.class, o, "outputActivation", at),
                init(obj(o, "init", at), at + ".init"));
    }

    static JsonObject decoder(DecoderPathSpec spec) {
        JsonObject o = new JsonObject();
        switch (spec) {
            case ResizeConv r -> {
                o.addProperty("kind", "resize-conv");
                o.addProperty("mode", r.mode().name());
                o.addProperty("scale", r.scale());
                o.addProperty("kernel", r.kernel());
            }
            case TransposedConv t -> {
                o.addProperty("kind", "transposed-conv");
                o.addProperty("kernel", t.kernel());
                o.addProperty("stride", t.stride());
                o.addProperty("padding", t.padding().name());
                o.addProperty("explicitPad", t.explicitPad());
                o.addProperty("outputPadding", t.outputPadding());
            }
            case SubPixel s -> {
                o.addProperty("kind", "sub-pixel");
                o.addProperty("kernel", s.kernel());
                o.addProperty("scale", s.scale());
                o.addProperty("crd", s.crd());
            }
            case AsInReport a -> {
                o.addProperty("kind", "as-in-report");
                o.addProperty("kernel", a.kernel());
            }
        }
        JsonArray stages = new JsonArray();
        spec.stageChannels().forEach(stages::add);
        o.add("stageChannels", stages);
        return o;
    }

    static DecoderPathSpec decoder(JsonObject o, String at) {
        String kind = str(o, "kind", at);
        List<Integer> stages = new ArrayList<>();
        JsonArray arr = array(o, "stageChannels", at);
        for (int i = 0; i < arr.size(); i++) {
            stages.add(asInt(arr.get(i), at + ".stageChannels[" + i + "]"));
        }
        return switch (kind) {
            case "resize-conv" -> new ResizeConv(enumOf(ResizeMode.class, o, "mode", at), integer(o, "scale", at),
                    integer(o, "kernel", at), stages);
            case "transposed-conv" -> new TransposedConv(integer(o, "kernel", at), integer(o, "stride", at),
                    enumOf(PaddingMode.class, o, "padding", at), integer(o, "explicitPad", at), integer(o, "outputPadding", at), stages);
            case "sub-pixel" -> new SubPixel(integer(o, "kernel", at), integer(o, "scale", at), bool(o, "crd", at), stages);
            case "as-in-report" -> new AsInReport(integer(o, "kernel", at), stages);
            default -> throw new FormatException(at + ".kind: unknown decoder path '" + kind
                    + "' (resize-conv, transposed-conv, sub-pixel, as-in-report)");
        };
    }

    static JsonObject init(WeightInit w) {
        JsonObject o = new JsonObject();
        o.addProperty("initialiser", w.initialiser().name());
        o.addProperty("seed", w.seed());
        o.addProperty("constant", w.constant());
        return o;
    }

    static WeightInit init(JsonObject o, String at) {
        return new WeightInit(enumOf(Initialiser.class, o, "initialiser", at), lng(o, "seed", at), flt(o, "constant", at));
    }

    // ---- typed field access that names the field on failure ----

    static JsonElement field(JsonObject o, String key, String at) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new FormatException(at + "." + key + " is missing");
        }
        return e;
    }

    public static JsonObject obj(JsonObject o, String key, String at) {
        JsonElement e = field(o, key, at);
        if (!e.isJsonObject()) {
            throw new FormatException(at + "." + key + " must be an object");
        }
        return e.getAsJsonObject();
    }

    static JsonArray array(JsonObject o, String key, String at) {
        JsonElement e = field(o, key, at);
        if (!e.isJsonArray()) {
            throw new FormatException(at + "." + key + " must be a list");
        }
        return e.getAsJsonArray();
    }

    public static String str(JsonObject o, String key, String at) {
        JsonElement e = field(o, key, at);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new FormatException(at + "." + key + " must be a string");
        }
        return e.getAsString();
    }

    public static int integer(JsonObject o, String key, String at) {
        return asInt(field(o, key, at), at + "." + key);
    }

    static int asInt(JsonElement e, String where) {
        long v = asLong(e, where);
        if (v != (int) v) {
            throw new FormatException(where + " is out of range: " + v);
        }
        return (int) v;
    }

    static long lng(JsonObject o, String key, String at) {
        return asLong(field(o, key, at), at + "." + key);
    }

    static long asLong(JsonElement e, String where) {
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw new FormatException(where + " must be a whole number");
        }
        try {
            return p.getAsBigDecimal().longValueExact();
        } catch (ArithmeticException ex) {
            throw new FormatException(where + " must be a whole number, got " + p.getAsString());
        }
    }

    static float flt(JsonObject o, String key, String at) {
        JsonElement e = field(o, key, at);
        if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
            throw new FormatException(at + "." + key + " must be a number");
        }
        return p.getAsFloat();
    }

    static boolean bool(JsonObject o, String key, String at) {
        JsonElement e = field(o, key, at);
        if (!(e instanceof JsonPrimitive p) || !p.isBoolean()) {
            throw new FormatException(at + "." + key + " must be true or false");
        }
        return p.getAsBoolean();
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, JsonObject o, String key, String at) {
        String v = str(o, key, at);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> known = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                known.add(c.name());
            }
            throw new FormatException(at + "." + key + ": unknown value '" + v + "' (" + String.join(", ", known) + ")");
        }
    }
}
