package dev.decoderlens.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.LayerInfo;

/**
 * What a sidecar and {@code report.json} say about one layer: what it is (name, type, shape, shape arithmetic,
 * warnings) and what its values are (min, max, mean, std over every value, and how many are NaN or infinite).
 */
public final class LayerReport {
    private LayerReport() {
    }

    /** Statistics over the finite values of a tensor; {@code nonFinite} counts the others. */
    public record Stats(double min, double max, double mean, double std, long count, long nonFinite) {
        public static Stats of(Tensor t) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
            long n = 0, bad = 0;
            float[] d = t.data();
            for (float v : d) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    sum += v;
                    n++;
                } else {
                    bad++;
                }
            }
            double mean = n == 0 ? Double.NaN : sum / n;
            double sq = 0;
            for (float v : d) {
                if (Float.isFinite(v)) {
                    sq += (v - mean) * (v - mean);
                }
            }
            return new Stats(lo, hi, mean, n == 0 ? Double.NaN : Math.sqrt(sq / n), n, bad);
        }

        JsonObject toJson() {
            JsonObject o = new JsonObject();
            put(o, "min", min);
            put(o, "max", max);
            put(o, "mean", mean);
            put(o, "std", std);
            o.addProperty("nonFinite", nonFinite);
            return o;
        }
    }

    public static JsonObject json(LayerInfo info, Tensor activation) {
        JsonObject o = new JsonObject();
        o.addProperty("name", info.name());
        o.addProperty("type", info.type());
        o.addProperty("title", info.title());
        o.add("shape", shape(activation != null ? activation.shape() : info.outputShape()));
        o.addProperty("stage", info.stage());
        o.addProperty("activation", info.activation());
        o.addProperty("arithmetic", info.arithmetic());
        JsonArray w = new JsonArray();
        info.warnings().forEach(w::add);
        o.add("warnings", w);
        if (activation != null) {
            JsonObject stats = Stats.of(activation).toJson();
            for (String k : stats.keySet()) {
                o.add(k, stats.get(k));
            }
        }
        return o;
    }

    static JsonArray shape(int[] shape) {
        JsonArray a = new JsonArray();
        for (int d : shape) {
            a.add(d);
        }
        return a;
    }

    /** JSON has no NaN or infinity: such values are written as null. */
    static void put(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        }
    }
}
