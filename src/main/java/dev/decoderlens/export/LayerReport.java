package dev.decoderlens.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.analysis.MapStats;
import dev.decoderlens.analysis.report.LayerAnalysis;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.LayerInfo;

/**
 * What a sidecar and {@code report.json} say about one layer: what it is (name, type, shape, shape arithmetic)
 * and what the analysis measured on it (min, max, mean, std, non-finite values, dead filters, saturation, the
 * checkerboard measures of upsampled layers, warnings in words).
 */
final class LayerReport {
    private LayerReport() {
    }

    static JsonObject json(ExportSource src, Branch branch, String layer) {
        LayerAnalysis a = src.measures(branch, layer);
        LayerInfo info = a.info();
        Tensor t = branch.run(src.result()).activation(layer);
        JsonObject o = new JsonObject();
        o.addProperty("name", info.name());
        o.addProperty("type", info.type());
        o.addProperty("title", info.title());
        o.add("shape", shape(t.shape()));
        o.addProperty("stage", info.stage());
        o.addProperty("activation", info.activation());
        o.addProperty("arithmetic", info.arithmetic());
        MapStats s = a.stats();
        put(o, "min", s.min());
        put(o, "max", s.max());
        put(o, "mean", s.mean());
        put(o, "std", s.std());
        o.addProperty("nonFinite", s.nanCount() + s.infCount());
        o.addProperty("zeroShare", s.count() == 0 ? 0 : (double) s.zeros() / s.count());
        o.addProperty("saturatedShare", s.saturatedShare());
        o.addProperty("filters", a.filters().size());
        o.addProperty("deadFilters", a.deadFilters());
        if (a.period() > 1) {
            Checkerboard c = a.checkerboard();
            JsonObject cb = new JsonObject();
            cb.addProperty("period", c.period());
            put(cb, "phase", c.phase());
            put(cb, "spectral", c.spectral());
            put(cb, "peakShare", c.peakShare());
            o.add("checkerboard", cb);
        }
        JsonArray w = new JsonArray();
        a.warnings().forEach(w::add);
        o.add("warnings", w);
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
            o.add(key, JsonNull.INSTANCE);
        }
    }
}
