package dev.decoderlens.importer.keras;

import com.google.gson.JsonElement;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.BatchNorm;
import dev.decoderlens.engine.op.Binary;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.Flatten;
import dev.decoderlens.engine.op.Gemm;
import dev.decoderlens.engine.op.MatMul;
import dev.decoderlens.engine.op.Reshape;
import dev.decoderlens.engine.op.Transpose;
import dev.decoderlens.importer.ImportException;
import java.util.List;

/**
 * Dense, Reshape, Flatten, Permute and BatchNormalization. Shape layers see the tensor in its Keras order, so a
 * channels-last image is first transposed to NHWC: Flatten and Dense then read the values in the order Keras did.
 */
final class CoreLayers {
    private CoreLayers() {
    }

    static KTensor dense(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        if (in.image()) {
            return denseOnImage(g, lc, in, name);
        }
        KTensor x = in;
        List<WeightArray> w = g.weights(lc, 1, 2);
        WeightArray kernel = w.get(0);
        int units = lc.integer(-1, "units", "output_dim");
        int features = x.dim(-1);
        if (kernel.rank() != 2 || (units >= 0 && kernel.shape()[1] != units) || (features >= 0 && kernel.shape()[0] != features)) {
            throw lc.error("kernel " + kernel + " does not map " + features + " features to " + units + " units");
        }
        units = kernel.shape()[1];
        Activation fused = Activations.fusable(g, lc, lc.find("activation"));
        String linearName = fused == Activation.IDENTITY ? name : name + "/linear";
        String k = g.constant(name + "/kernel", kernel.tensor());
        String out;
        if (x.rank() == 1) {
            String b = w.size() > 1 ? g.constant(name + "/bias", ConvLayers.vector(lc, w.get(1), units)) : null;
            out = b == null ? g.add(linearName, new Gemm(1f, 1f, false, false), x.engine(), k)
                    : g.add(linearName, new Gemm(1f, 1f, false, false), x.engine(), k, b);
        } else {
            // Dense on a rank > 2 input applies to the last axis.
            out = g.add(w.size() > 1 ? name + "/matmul" : linearName, new MatMul(), x.engine(), k);
            if (w.size() > 1) {
                String b = g.constant(name + "/bias", ConvLayers.vector(lc, w.get(1), units));
                out = g.add(linearName, new Binary(Binary.Fn.ADD), out, b);
            }
        }
        int[] shape = x.shape().clone();
        shape[shape.length - 1] = units;
        return Activations.apply(g, lc, lc.find("activation"), new KTensor(out, shape, false), name);
    }

    /** Dense on a channels-last image mixes the channels of each pixel: a 1x1 convolution, image in, image out. */
    private static KTensor denseOnImage(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        List<WeightArray> w = g.weights(lc, 1, 2);
        WeightArray kernel = w.get(0);
        int channels = in.dim(-1);
        if (kernel.rank() != 2 || (channels >= 0 && kernel.shape()[0] != channels)) {
            throw lc.error("kernel " + kernel + " does not map " + channels + " features");
        }
        int units = kernel.shape()[1];
        WeightArray oi = kernel.permuted(1, 0);
        Tensor weight = Tensor.of(new int[] {units, kernel.shape()[0], 1, 1}, oi.data());
        Tensor bias = w.size() > 1 ? ConvLayers.vector(lc, w.get(1), units) : null;
        Activation fused = Activations.fusable(g, lc, lc.find("activation"));
        String out = g.add(fused == null ? name + "/linear" : name, new Conv2D(
                ConvSpec.of(1, 1), weight, bias, fused == null ? Activation.IDENTITY : fused), in.engine());
        KTensor pre = new KTensor(out, new int[] {in.dim(0), in.dim(1), units}, true);
        return fused == null ? Activations.apply(g, lc, lc.find("activation"), pre, name) : pre;
    }

    static KTensor reshape(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        int[] target = lc.intList("target_shape", "dims");
        if (target == null) {
            throw lc.error("has no target_shape");
        }
        int[] shape = resolve(lc, target, size(in.shape()));
        int[] engine = new int[target.length + 1];
        System.arraycopy(target, 0, engine, 1, target.length);
        engine[0] = 0; // copy the batch size
        if (shape.length == 3 && g.channelsLastDefault() && shape[0] > 0 && shape[1] > 0 && shape[2] > 0) {
            return g.imageFromKerasOrder(g.kerasOrder(in), shape, name);
        }
        boolean image = shape.length == 3 && g.channelsLastDefault();
        String out = g.add(image ? name + "/nhwc" : name, new Reshape(engine, false), g.kerasOrder(in));
        return image ? g.toImage(out, shape, name) : new KTensor(out, shape, false);
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    private static int[] resolve(LayerConfig lc, int[] target, long total) throws ImportException {
        int[] s = target.clone();
        long known = 1;
        int free = -1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                free = i;
            } else {
                known *= s[i];
            }
        }
        if (free >= 0 && total >= 0) {
            s[free] = (int) (total / known);
        } else if (free < 0 && total >= 0 && known != total) {
            throw lc.error("cannot reshape " + total + " values to " + GraphBuilder.shapeString(target));
        }
        return s;
    }

    /** Flatten in Keras order; a channels_first Flatten (Keras 2.2+) first moves channels last, as Keras does. */
    static KTensor flatten(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        String src = g.kerasOrder(in);
        if ("channels_first".equals(lc.string(null, "data_format")) && in.rank() >= 2 && !in.image()) {
            int[] perm = new int[in.rank() + 1];
            for (int i = 1; i < in.rank(); i++) {
                perm[i] = i + 1;
            }
            perm[in.rank()] = 1;
            src = g.add(name + "/channels_last", new Transpose(perm), src);
        }
        long n = size(in.shape());
        return new KTensor(g.add(name, new Flatten(1), src), new int[] {(int) n}, false);
    }

    static KTensor permute(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        int[] dims = lc.intList("dims");
        if (dims == null || dims.length != in.rank()) {
            throw lc.error("dims " + (dims == null ? "missing" : java.util.Arrays.toString(dims)) + " do not fit rank " + in.rank());
        }
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = in.shape()[dims[i] - 1];
        }
        if (in.image() && g.channelsLastDefault()) {
            // Image to image in one transpose: result (A, B, C') is engine (N, C', A, B), each read from its engine axis.
            int[] perm = {0, in.engineAxis(dims[2]), in.engineAxis(dims[0]), in.engineAxis(dims[1])};
            return new KTensor(g.add(name, new Transpose(perm), in.engine()), shape, true);
        }
        KTensor x = g.plain(in);
        int[] perm = new int[dims.length + 1];
        for (int i = 0; i < dims.length; i++) {
            perm[i + 1] = dims[i];
        }
        boolean image = shape.length == 3 && g.channelsLastDefault();
        String out = g.add(image ? name + "/nhwc" : name, new Transpose(perm), x.engine());
        return image ? g.toImage(out, shape, name) : new KTensor(out, shape, false);
    }

    /** BatchNormalization in inference form; Keras 1 saved the moving variance as "running_std". */
    static KTensor batchNorm(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        if (lc.integer(0, "mode") != 0) {
            throw lc.unsupported("with mode " + lc.integer(0, "mode"));
        }
        JsonElement axisSpec = lc.find("axis");
        int[] axes = axisSpec == null ? new int[] {-1} : lc.ints(axisSpec, "axis");
        if (axes.length != 1) {
            throw lc.unsupported("over several axes " + java.util.Arrays.toString(axes));
        }
        boolean scale = lc.bool(true, "scale");
        boolean center = lc.bool(true, "center");
        int expected = 2 + (scale ? 1 : 0) + (center ? 1 : 0);
        List<WeightArray> w = g.weights(lc, expected, expected);
        int axis = in.engineAxis(axes[0]);
        int c = in.dim(axes[0] < 0 ? axes[0] : axes[0] - 1);
        int i = 0;
        float[] gamma = scale ? w.get(i++).data() : filled(w.get(0).data().length, 1f);
        float[] beta = center ? w.get(i++).data() : new float[gamma.length];
        float[] mean = w.get(i++).data();
        float[] var = w.get(i).data();
        float eps = lc.number(1e-3f, "epsilon");
        if (c >= 0 && gamma.length != c) {
            throw lc.error("has " + gamma.length + " parameters for " + c + " features");
        }
        if (axis == 1) {
            return new KTensor(g.add(name, new BatchNorm(gamma, beta, mean, var, eps), in.engine()), in.shape(), in.image());
        }
        // Normalising another axis: a broadcast multiply-add of shape (C, 1, ..., 1) aligned to that axis.
        float[] mul = new float[gamma.length];
        float[] add = new float[gamma.length];
        for (int k = 0; k < mul.length; k++) {
            double m = gamma[k] / Math.sqrt((double) var[k] + eps);
            mul[k] = (float) m;
            add[k] = (float) (beta[k] - mean[k] * m);
        }
        int[] shape = new int[in.rank() + 1 - axis];
        java.util.Arrays.fill(shape, 1);
        shape[0] = mul.length;
        String m = g.constant(name + "/scale", Tensor.of(shape, mul));
        String a = g.constant(name + "/shift", Tensor.of(shape, add));
        String scaled = g.add(name + "/mul", new Binary(Binary.Fn.MUL), in.engine(), m);
        return new KTensor(g.add(name, new Binary(Binary.Fn.ADD), scaled, a), in.shape(), in.image());
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
