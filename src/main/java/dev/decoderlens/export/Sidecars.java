package dev.decoderlens.export;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.experiment.NetworkRun;
import dev.decoderlens.render.FilterGrid;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The JSON written beside exports: the whole session (image path and SHA-256, crop, preset, settings with every
 * initialiser and seed, view) so a picture can be reproduced exactly, plus what was drawn and the layer's numbers.
 * A sidecar's {@code session} member is a session document: open it as a session to see the picture again.
 */
final class Sidecars {
    static final String FORMAT = dev.decoderlens.io.Session.EXPORT_FORMAT;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Sidecars() {
    }

    static byte[] bytes(JsonObject o) {
        return (GSON.toJson(o) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static JsonObject base(ExportSource src, String kind) {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("version", 1);
        o.addProperty("kind", kind);
        o.add("session", src.session().toJson());
        return o;
    }

    static JsonObject grid(ExportSource src, Branch branch, String layer, GridOptions opts, FilterGrid grid, String png,
            int width, int height) {
        JsonObject o = base(src, "grid");
        JsonObject g = gridJson(branch, layer, opts, grid);
        g.addProperty("png", png);
        g.addProperty("width", width);
        g.addProperty("height", height);
        o.add("grid", g);
        o.add("layer", LayerReport.json(src, branch, layer));
        return o;
    }

    static JsonObject gridPair(ExportSource src, String layerA, String layerB, GridOptions opts, FilterGrid a, FilterGrid b,
            String png, int width, int height) {
        JsonObject o = base(src, "gridPair");
        JsonObject p = new JsonObject();
        p.addProperty("png", png);
        p.addProperty("width", width);
        p.addProperty("height", height);
        o.add("picture", p);
        JsonArray grids = new JsonArray();
        grids.add(gridJson(Branch.A, layerA, opts, a));
        grids.add(gridJson(Branch.B, layerB, opts, b));
        o.add("grids", grids);
        JsonArray layers = new JsonArray();
        layers.add(LayerReport.json(src, Branch.A, layerA));
        layers.add(LayerReport.json(src, Branch.B, layerB));
        o.add("layers", layers);
        return o;
    }

    private static JsonObject gridJson(Branch branch, String layer, GridOptions opts, FilterGrid grid) {
        JsonObject g = new JsonObject();
        g.addProperty("network", branch.id());
        g.addProperty("layer", layer);
        g.addProperty("colorMap", opts.colorMap().id());
        g.addProperty("normalization", opts.normalization().id());
        g.addProperty("scale", opts.scale());
        JsonArray range = new JsonArray();
        range.add(grid.legend().range().min());
        range.add(grid.legend().range().max());
        g.add("colorBarRange", range);
        var l = grid.layout();
        g.addProperty("tiles", l.tiles());
        g.addProperty("columns", l.columns());
        g.addProperty("rows", l.rows());
        g.addProperty("tileWidth", l.tileWidth());
        g.addProperty("tileHeight", l.tileHeight());
        return g;
    }

    static JsonObject comparison(ExportSource src, GridOptions opts, String png, int width, int height) {
        JsonObject o = base(src, "comparison");
        JsonObject c = new JsonObject();
        c.addProperty("png", png);
        c.addProperty("width", width);
        c.addProperty("height", height);
        c.addProperty("colorMap", opts.colorMap().id());
        c.addProperty("scale", opts.scale());
        o.add("comparison", c);
        for (Branch b : List.of(Branch.A, Branch.B)) {
            NetworkRun run = b.run(src.result());
            o.add("output" + b.id(), LayerReport.json(src, b, run.plan().outputName()));
        }
        return o;
    }

    /** {@code render}'s report: the session, and for every layer of every network its description and numbers. */
    static JsonObject report(ExportSource src, GridOptions opts, List<String> files) {
        JsonObject o = base(src, "report");
        JsonObject drawing = new JsonObject();
        drawing.addProperty("colorMap", opts.colorMap().id());
        drawing.addProperty("normalization", opts.normalization().id());
        drawing.addProperty("scale", opts.scale());
        o.add("drawing", drawing);
        JsonObject nets = new JsonObject();
        for (Branch b : Branch.values()) {
            NetworkRun run = b.run(src.result());
            JsonObject n = new JsonObject();
            n.addProperty("description", Pictures.describe(src, b));
            JsonArray warnings = new JsonArray();
            (b == Branch.ENCODER ? run.plan().warnings() : src.analysis().warnings(b.side())).forEach(warnings::add);
            n.add("warnings", warnings);
            JsonArray layers = new JsonArray();
            for (LayerInfo info : run.layers()) {
                layers.add(LayerReport.json(src, b, info.name()));
            }
            n.add("layers", layers);
            nets.add(b.id(), n);
        }
        o.add("networks", nets);
        JsonArray f = new JsonArray();
        files.forEach(f::add);
        o.add("files", f);
        return o;
    }
}
