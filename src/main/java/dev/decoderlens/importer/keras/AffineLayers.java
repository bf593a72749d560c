package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Binary;
import dev.decoderlens.engine.op.PRelu;
import dev.decoderlens.importer.ImportException;
import java.util.List;

/**
 * Per-value scale and slope layers: Rescaling (x * scale + offset, the input scaling Keras 3 models often carry) and
 * PReLU (a learned slope per position and channel, or shared over the spatial axes).
 */
final class AffineLayers {
    private AffineLayers() {
    }

    static KTensor rescaling(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        float[] scale = numbers(lc, "scale", 1f);
        float[] offset = numbers(lc, "offset", 0f);
        String x = in.engine();
        boolean hasOffset = offset.length > 1 || offset[0] != 0f;
        String scaled = g.add(hasOffset ? name + "/scale" : name, new Binary(Binary.Fn.MUL), x,
                g.constant(name + "/scale_value", lastAxis(in, scale)));
        if (!hasOffset) {
            return new KTensor(scaled, in.shape(), in.image());
        }
        String out = g.add(name, new Binary(Binary.Fn.ADD), scaled, g.constant(name + "/offset_value", lastAxis(in, offset)));
        return new KTensor(out, in.shape(), in.image());
    }

    /** A scalar, or per-channel values broadcast along the Keras last axis (the engine channel axis of an image). */
    private static Tensor lastAxis(KTensor in, float[] v) {
        if (v.length == 1) {
            return Tensor.scalar(v[0]);
        }
        return in.image() ? Tensor.of(new int[] {v.length, 1, 1}, v) : Tensor.of(new int[] {v.length}, v);
    }

    private static float[] numbers(LayerConfig lc, String key, float fallback) throws ImportException {
        var e = lc.find(key);
        if (e == null) {
            return new float[] {fallback};
        }
        try {
            if (e.isJsonPrimitive()) {
                return new float[] {e.getAsFloat()};
            }
            var a = e.getAsJsonArray();
            float[] v = new float[a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = a.get(i).getAsFloat();
            }
            return v;
        } catch (RuntimeException ex) {
            throw lc.error("'" + key + "' is not a number or a list of numbers: " + e);
        }
    }

    /** PReLU: alpha has the input's Keras shape with shared axes set to 1; an image's alpha moves to (C, H, W). */
    static KTensor prelu(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        List<WeightArray> w = g.weights(lc, 1, 1);
        WeightArray alpha = w.getFirst();
        if (alpha.rank() != in.rank()) {
            throw lc.error("alpha " + alpha + " does not fit an input of shape " + GraphBuilder.shapeString(in.shape()));
        }
        WeightArray slope = in.image() ? alpha.permuted(2, 0, 1) : alpha;
        return new KTensor(g.add(name, new PRelu(slope.tensor()), in.engine()), in.shape(), in.image());
    }
}
