package dev.decoderlens.importer.keras;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.decoderlens.engine.op.AutoPad;
import dev.decoderlens.engine.op.AvgPool2D;
import dev.decoderlens.engine.op.Flatten;
import dev.decoderlens.engine.op.GlobalPool;
import dev.decoderlens.engine.op.MaxPool2D;
import dev.decoderlens.engine.op.Pad;
import dev.decoderlens.engine.op.Pads;
import dev.decoderlens.engine.op.PoolSpec;
import dev.decoderlens.engine.op.Resize;
import dev.decoderlens.engine.op.ResizeSpec;
import dev.decoderlens.engine.op.Slice;
import dev.decoderlens.importer.ImportException;

/** Pooling, UpSampling2D, ZeroPadding2D and Cropping2D: 2-D layers without weights. */
final class SpatialLayers {
    private SpatialLayers() {
    }

    /** MaxPooling2D / AveragePooling2D. Keras "same" average pooling divides by the valid pixels only. */
    static KTensor pool(GraphBuilder g, LayerConfig lc, KTensor in, String name, boolean max) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        int[] k = lc.pair("pool_size");
        k = k == null ? new int[] {2, 2} : k;
        int[] s = lc.pair("strides");
        s = s == null ? k : s;
        String padding = lc.padding();
        boolean same = switch (padding) {
            case "same" -> true;
            case "valid" -> false;
            default -> throw lc.unsupported("with padding '" + padding + "'");
        };
        PoolSpec spec = new PoolSpec(k[0], k[1], s[0], s[1], 1, 1, same ? AutoPad.SAME_UPPER : AutoPad.NOTSET, Pads.ZERO, false);
        String out = g.add(name, max ? new MaxPool2D(spec) : new AvgPool2D(spec, false), x);
        return GraphBuilder.imageOut(out, chw[0], pooled(chw[1], k[0], s[0], same), pooled(chw[2], k[1], s[1], same), cl);
    }

    private static int pooled(int in, int k, int s, boolean same) {
        if (in < 0) {
            return -1;
        }
        return same ? (in + s - 1) / s : Math.max((in - k) / s + 1, 0);
    }

    static KTensor globalPool(GraphBuilder g, LayerConfig lc, KTensor in, String name, boolean max) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        if (lc.bool(false, "keepdims")) {
            return GraphBuilder.imageOut(g.add(name, new GlobalPool(max), x), chw[0], 1, 1, cl);
        }
        String pooled = g.add(name + "/pool", new GlobalPool(max), x);
        return new KTensor(g.add(name, new Flatten(1), pooled), new int[] {chw[0]}, false);
    }

    /**
     * UpSampling2D. Nearest repeats pixels (Resize asymmetric + floor). Bilinear follows the resize of the Keras
     * build: half-pixel centres in tf.keras (versions "x.y.z-tf", whose backend calls resize_images_v2), from
     * Keras 2.4 and in Keras 3; the legacy asymmetric alignment of TF 1 {@code resize_bilinear} in multi-backend
     * Keras 2.0-2.3 (tf.keras of TF 1.13, also labelled 2.2.4-tf, still used the legacy one: not distinguishable).
     */
    static KTensor upsample(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        int[] size = lc.pair("size");
        size = size == null ? new int[] {2, 2} : size;
        String interpolation = lc.string("nearest", "interpolation");
        ResizeSpec spec = switch (interpolation) {
            case "nearest" -> ResizeSpec.kerasNearest(size[0], size[1]);
            case "bilinear" -> halfPixelBilinear(g.kerasVersion()) ? ResizeSpec.kerasBilinear(size[0], size[1])
                    : ResizeSpec.scales(ResizeSpec.Mode.LINEAR, ResizeSpec.CoordMode.ASYMMETRIC, ResizeSpec.NearestMode.FLOOR, size[0], size[1]);
            default -> throw lc.unsupported("with interpolation '" + interpolation + "'");
        };
        String out = g.add(name, new Resize(spec), x);
        return GraphBuilder.imageOut(out, chw[0], times(chw[1], size[0]), times(chw[2], size[1]), cl);
    }

    static boolean halfPixelBilinear(String version) {
        if (version.endsWith("-tf")) {
            return true;
        }
        int major = GraphBuilder.majorOf(version);
        if (major != 2) {
            return major > 2;
        }
        String[] parts = version.split("[.-]");
        try {
            return parts.length > 1 && Integer.parseInt(parts[1]) >= 4;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static int times(int v, int f) {
        return v < 0 ? -1 : v * f;
    }

    static KTensor zeroPad(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        int[] p = amounts(lc, "padding", 1);
        int[] pads = {0, 0, p[0], p[2], 0, 0, p[1], p[3]};
        String out = g.add(name, new Pad(Pad.Mode.CONSTANT, pads, 0f), x);
        return GraphBuilder.imageOut(out, chw[0], grow(chw[1], p[0] + p[1]), grow(chw[2], p[2] + p[3]), cl);
    }

    static KTensor crop(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        int[] c = amounts(lc, "cropping", 0);
        int[] starts = {c[0], c[2]};
        int[] ends = {c[1] == 0 ? Integer.MAX_VALUE : -c[1], c[3] == 0 ? Integer.MAX_VALUE : -c[3]};
        String out = g.add(name, new Slice(starts, ends, new int[] {2, 3}, new int[] {1, 1}), x);
        return GraphBuilder.imageOut(out, chw[0], grow(chw[1], -c[0] - c[1]), grow(chw[2], -c[2] - c[3]), cl);
    }

    private static int grow(int v, int by) {
        return v < 0 ? -1 : v + by;
    }

    /**
     * (top, bottom, left, right) from an int, a pair (symmetric rows, cols), a pair of pairs, or the Keras 1
     * dictionary {top_pad, bottom_pad, left_pad, right_pad}.
     */
    private static int[] amounts(LayerConfig lc, String key, int fallback) throws ImportException {
        JsonElement e = lc.find(key);
        if (e == null) {
            return new int[] {fallback, fallback, fallback, fallback};
        }
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            return new int[] {get(o, "top_pad"), get(o, "bottom_pad"), get(o, "left_pad"), get(o, "right_pad")};
        }
        if (e.isJsonPrimitive()) {
            int v = e.getAsInt();
            return new int[] {v, v, v, v};
        }
        var a = e.getAsJsonArray();
        if (a.size() == 2 && a.get(0).isJsonPrimitive()) {
            int h = a.get(0).getAsInt(), w = a.get(1).getAsInt();
            return new int[] {h, h, w, w};
        }
        if (a.size() == 2) {
            int[] h = lc.ints(a.get(0), key), w = lc.ints(a.get(1), key);
            return new int[] {h[0], h[1], w[0], w[1]};
        }
        if (a.size() == 4) {
            return lc.ints(a, key); // Keras 1 (top, bottom, left, right)
        }
        throw lc.error("cannot read '" + key + "' = " + e);
    }

    private static int get(JsonObject o, String k) {
        return o.has(k) ? o.get(k).getAsInt() : 0;
    }
}
