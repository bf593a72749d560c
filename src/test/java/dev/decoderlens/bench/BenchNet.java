package dev.decoderlens.bench;

import dev.decoderlens.engine.Graph;
import dev.decoderlens.engine.Node;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.engine.op.MaxPool2D;
import dev.decoderlens.engine.op.Pads;
import dev.decoderlens.engine.op.PoolSpec;
import dev.decoderlens.engine.op.Resize;
import dev.decoderlens.engine.op.ResizeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One benchmark workload built twice from the same weights: an engine {@link Graph} and an ONNX model for ONNX
 * Runtime. Layers are added in order; input is (1, C, H, W) named "x".
 */
final class BenchNet {
    final String name;
    final int[] inputShape;
    private final Random random;
    private final List<Node> nodes = new ArrayList<>();
    private final OnnxModel onnx = new OnnxModel();
    private String current = "x";
    private int c, h, w;
    private long macs;
    private int layer;

    BenchNet(String name, int c, int h, int w, long seed) {
        this.name = name;
        this.inputShape = new int[] {1, c, h, w};
        this.c = c;
        this.h = h;
        this.w = w;
        this.random = new Random(seed);
        onnx.input("x", inputShape);
    }

    /** Square k x k convolution, stride 1, 'same' padding (k odd), with an activation. */
    BenchNet conv(int cout, int k, Activation act) {
        int p = (k - 1) / 2;
        Tensor wt = heNormal(new int[] {cout, c, k, k}, c * k * k);
        Tensor b = small(cout);
        String wn = "w" + layer, bn = "b" + layer;
        onnx.initializer(wn, wt.shape(), wt.data()).initializer(bn, b.shape(), b.data());
        String out = "conv" + layer;
        onnx.node("Conv", new String[] {current, wn, bn}, out, OnnxModel.ints("kernel_shape", k, k),
                OnnxModel.ints("pads", p, p, p, p), OnnxModel.ints("strides", 1, 1));
        Op op = new Conv2D(ConvSpec.of(k, 1).withPads(Pads.symmetric(p, p)), wt, b, act);
        return add(op, out, act, cout, h, w);
    }

    /** k x k transposed convolution with stride s and no padding, with an activation. */
    BenchNet convTranspose(int cout, int k, int s, Activation act) {
        Tensor wt = heNormal(new int[] {c, cout, k, k}, c * k * k / (s * s));
        Tensor b = small(cout);
        String wn = "w" + layer, bn = "b" + layer;
        onnx.initializer(wn, wt.shape(), wt.data()).initializer(bn, b.shape(), b.data());
        String out = "convT" + layer;
        onnx.node("ConvTranspose", new String[] {current, wn, bn}, out, OnnxModel.ints("kernel_shape", k, k),
                OnnxModel.ints("strides", s, s));
        Op op = new ConvTranspose2D(ConvSpec.of(k, s), wt, b, act);
        return add(op, out, act, cout, s * (h - 1) + k, s * (w - 1) + k);
    }

    BenchNet maxPool2() {
        String out = "pool" + layer;
        onnx.node("MaxPool", new String[] {current}, out, OnnxModel.ints("kernel_shape", 2, 2),
                OnnxModel.ints("strides", 2, 2));
        return add(new MaxPool2D(PoolSpec.of(2, 2)), out, Activation.IDENTITY, c, h / 2, w / 2);
    }

    /** Nearest-neighbour x2 upsampling (Keras UpSampling2D). */
    BenchNet upsample2() {
        String sn = "scales" + layer, out = "up" + layer;
        onnx.initializer(sn, new int[] {4}, new float[] {1, 1, 2, 2});
        onnx.node("Resize", new String[] {current, "", sn}, out, OnnxModel.str("mode", "nearest"),
                OnnxModel.str("coordinate_transformation_mode", "asymmetric"), OnnxModel.str("nearest_mode", "floor"));
        return add(new Resize(ResizeSpec.kerasNearest(2, 2)), out, Activation.IDENTITY, c, h * 2, w * 2);
    }

    private BenchNet add(Op op, String out, Activation act, int c2, int h2, int w2) {
        macs += op.macs(new int[][] {{1, c, h, w}});
        String engineOut = out;
        if (act != Activation.IDENTITY) {
            String a = out + "_" + act.name();
            onnx.node(act.name(), new String[] {out}, a);
            out = a;
        }
        nodes.add(new Node(engineOut, op, List.of(current), List.of(out)));
        current = out;
        c = c2;
        h = h2;
        w = w2;
        layer++;
        return this;
    }

    Graph graph() {
        return new Graph(name, List.of("x"), Map.of(), nodes, List.of(current));
    }

    byte[] onnxModel() {
        onnx.output(current, 1, c, h, w);
        return onnx.toBytes();
    }

    String output() {
        return current;
    }

    long macs() {
        return macs;
    }

    Tensor input() {
        float[] v = new float[c0() * inputShape[2] * inputShape[3]];
        Random r = new Random(99);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return Tensor.of(inputShape, v);
    }

    private int c0() {
        return inputShape[1];
    }

    private Tensor heNormal(int[] shape, int fanIn) {
        float[] v = new float[shape[0] * shape[1] * shape[2] * shape[3]];
        double sd = Math.sqrt(2.0 / fanIn);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * sd);
        }
        return Tensor.of(shape, v);
    }

    private Tensor small(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.01);
        }
        return Tensor.of(new int[] {n}, v);
    }
}
