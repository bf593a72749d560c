package dev.decoderlens.importer.keras;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.decoderlens.importer.ImportException;

/**
 * One layer's {@code config} object, read with the key names of every Keras generation: Keras 1 spelled most
 * attributes differently ({@code nb_filter}, {@code subsample}, {@code border_mode}, {@code dim_ordering}), so each
 * getter takes the Keras 2/3 name first and the Keras 1 aliases after it. Errors name the layer and its class.
 *
 * @param weightKey   where a legacy HDF5 file keeps the layer's weights: its name, prefixed by the enclosing models'
 *                    names for layers of a nested model ("decoder/conv2d_1")
 * @param archivePath where a .keras archive keeps them: Keras addresses layers by class, "conv2d_1",
 *                    "functional/layers/conv2d" (see {@link ModelConfig})
 */
record LayerConfig(String name, String className, JsonObject json, String weightKey, String archivePath) {

    LayerConfig(String name, String className, JsonObject json) {
        this(name, className, json, name, name);
    }

    LayerConfig nestedIn(String model, String modelArchivePath) {
        return new LayerConfig(name, className, json, model + "/" + weightKey, modelArchivePath + "/layers/" + archivePath);
    }

    LayerConfig withArchivePath(String path) {
        return new LayerConfig(name, className, json, weightKey, path);
    }

    /** "layer 'conv2d_1' (Conv2D)": the prefix of every message about this layer. */
    String what() {
        return "layer '" + name + "' (" + className + ")";
    }

    ImportException error(String problem) {
        return new ImportException(what() + ": " + problem);
    }

    ImportException unsupported(String detail) {
        return new ImportException(what() + " " + detail + " is not supported");
    }

    boolean has(String... keys) {
        return find(keys) != null;
    }

    /** The first of {@code keys} present with a non-null value, or null. */
    JsonElement find(String... keys) {
        for (String k : keys) {
            JsonElement e = json.get(k);
            if (e != null && !e.isJsonNull()) {
                return e;
            }
        }
        return null;
    }

    String string(String fallback, String... keys) {
        JsonElement e = find(keys);
        return e == null ? fallback : e.getAsString();
    }

    boolean bool(boolean fallback, String... keys) {
        JsonElement e = find(keys);
        return e == null ? fallback : e.getAsBoolean();
    }

    int integer(int fallback, String... keys) throws ImportException {
        JsonElement e = find(keys);
        try {
            return e == null ? fallback : e.getAsInt();
        } catch (RuntimeException ex) {
            throw error("'" + keys[0] + "' is not an integer: " + e);
        }
    }

    float number(float fallback, String... keys) throws ImportException {
        JsonElement e = find(keys);
        try {
            return e == null ? fallback : e.getAsFloat();
        } catch (RuntimeException ex) {
            throw error("'" + keys[0] + "' is not a number: " + e);
        }
    }

    /** A (rows, cols) pair given as one integer or a list of two. Null when absent. */
    int[] pair(String... keys) throws ImportException {
        JsonElement e = find(keys);
        if (e == null) {
            return null;
        }
        int[] v = ints(e, keys[0]);
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2) {
            throw error("'" + keys[0] + "' must hold one or two integers, got " + e);
        }
        return v;
    }

    int[] ints(JsonElement e, String key) throws ImportException {
        try {
            if (e.isJsonPrimitive()) {
                return new int[] {e.getAsInt()};
            }
            JsonArray a = e.getAsJsonArray();
            int[] v = new int[a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.get(i).isJsonNull() ? -1 : a.get(i).getAsInt();
            }
            return v;
        } catch (RuntimeException ex) {
            throw error("'" + key + "' is not a list of integers: " + e);
        }
    }

    /** An integer list (null entries become -1), or null when absent. */
    int[] intList(String... keys) throws ImportException {
        JsonElement e = find(keys);
        return e == null ? null : ints(e, keys[0]);
    }

    /**
     * True for channels-last layers. Keras 2/3 write {@code data_format}; Keras 1 wrote {@code dim_ordering} ("tf" =
     * channels last, "th" = channels first); layers that wrote neither follow the model-wide default.
     */
    boolean channelsLast(boolean modelDefault) throws ImportException {
        String f = string(null, "data_format", "dim_ordering");
        if (f == null) {
            return modelDefault;
        }
        return switch (f) {
            case "channels_last", "tf" -> true;
            case "channels_first", "th" -> false;
            default -> throw error("unknown data format '" + f + "'");
        };
    }

    /** Padding mode: "valid", "same", "full" (Keras 1) or "causal". */
    String padding() {
        return string("valid", "padding", "border_mode");
    }
}
