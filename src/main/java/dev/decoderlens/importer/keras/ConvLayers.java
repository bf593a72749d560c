package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.AutoPad;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.engine.op.Pads;
import dev.decoderlens.importer.ImportException;
import java.util.List;

/**
 * Convolution layers: Conv2D/Convolution2D, Conv2DTranspose/Deconvolution2D, SeparableConv2D and DepthwiseConv2D.
 * Keras kernels are (kH, kW, in, out) (Keras 1 "th" layers: (out, in, kH, kW)); the engine wants (out, in, kH, kW)
 * for convolutions and (in, out, kH, kW) for transposed ones. Keras "same" padding is {@link AutoPad#SAME_UPPER}.
 */
final class ConvLayers {
    private ConvLayers() {
    }

    static KTensor conv(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        ConvGeometry geo = ConvGeometry.of(lc);
        int groups = lc.integer(1, "groups");
        List<WeightArray> w = g.weights(lc, 1, 2);
        WeightArray kernel = oihw(g, lc, w.get(0), cl);
        int filters = kernel.shape()[0];
        checkKernel(lc, kernel, filters, chw[0] / groups, geo);
        Tensor bias = w.size() > 1 ? vector(lc, w.get(1), filters) : null;
        String out = convNode(g, lc, name, geo.spec(groups), kernel.tensor(), bias, x);
        return activate(g, lc, GraphBuilder.imageOut(out, filters, geo.outH(chw[1]), geo.outW(chw[2]), cl), name);
    }

    static KTensor transposed(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        ConvGeometry geo = ConvGeometry.of(lc);
        if (geo.padding().equals("full")) {
            throw lc.unsupported("with padding 'full'");
        }
        List<WeightArray> w = g.weights(lc, 1, 2);
        // Engine (in, out, kH, kW). Keras 2/3 save (kH, kW, out, in); Keras 1 (kH, kW, in, out), or (out, in, kH, kW) for "th".
        WeightArray k = w.get(0);
        if (k.rank() != 4) {
            throw lc.error("kernel " + k + " is not rank 4");
        }
        WeightArray kernel = g.kerasMajor() >= 2 ? k.permuted(3, 2, 0, 1) : cl ? k.permuted(2, 3, 0, 1) : k.permuted(1, 0, 2, 3);
        if (g.theano()) {
            kernel = kernel.flippedSpatially();
        }
        int filters = kernel.shape()[1];
        if (kernel.shape()[0] != chw[0] || kernel.shape()[2] != geo.kh() || kernel.shape()[3] != geo.kw()) {
            throw lc.error("kernel " + k + " does not fit " + chw[0] + " input channels and a " + geo.kh() + "x" + geo.kw() + " kernel");
        }
        boolean same = geo.padding().equals("same");
        int[] op = lc.pair("output_padding");
        int[] explicit = explicitOutput(lc, cl);
        DeconvGeometry gh = DeconvGeometry.of(chw[1], geo.kh(), geo.sh(), geo.dh(), same, op == null ? -1 : op[0], explicit[0]);
        DeconvGeometry gw = DeconvGeometry.of(chw[2], geo.kw(), geo.sw(), geo.dw(), same, op == null ? -1 : op[1], explicit[1]);
        ConvSpec spec = new ConvSpec(geo.kh(), geo.kw(), geo.sh(), geo.sw(), geo.dh(), geo.dw(), 1, AutoPad.NOTSET,
                new Pads(gh.padBegin(), gw.padBegin(), gh.padEnd(), gw.padEnd()), gh.outputPad(), gw.outputPad(), null);
        Tensor bias = w.size() > 1 ? vector(lc, w.get(1), filters) : null;
        Activation fused = Activations.fusable(g, lc, lc.find("activation"));
        String out = g.add(fused == null ? name + "/linear" : name, new ConvTranspose2D(spec, kernel.tensor(), bias,
                fused == null ? Activation.IDENTITY : fused), x);
        KTensor pre = GraphBuilder.imageOut(out, filters, gh.length(), gw.length(), cl);
        return fused == null ? Activations.apply(g, lc, lc.find("activation"), pre, name) : pre;
    }

    /** Keras 1 Deconvolution2D fixes its output (rows, cols) in output_shape; -1 when absent or None. */
    private static int[] explicitOutput(LayerConfig lc, boolean cl) throws ImportException {
        int[] s = lc.intList("output_shape");
        if (s == null || s.length != 4) {
            return new int[] {-1, -1};
        }
        return cl ? new int[] {s[1], s[2]} : new int[] {s[2], s[3]};
    }

    static KTensor separable(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        ConvGeometry geo = ConvGeometry.of(lc);
        List<WeightArray> w = g.weights(lc, 2, 3);
        WeightArray dw = depthwiseKernel(lc, w.get(0), chw[0], geo);
        String mid = g.add(name + "/depthwise", new Conv2D(geo.spec(chw[0]), dw.tensor(), null, Activation.IDENTITY), x);
        WeightArray pw = w.get(1);
        if (pw.rank() != 4 || pw.shape()[0] != 1 || pw.shape()[1] != 1 || pw.shape()[2] != dw.shape()[0]) {
            throw lc.error("pointwise kernel " + pw + " does not fit " + dw.shape()[0] + " depthwise outputs");
        }
        WeightArray pointwise = pw.permuted(3, 2, 0, 1);
        int filters = pointwise.shape()[0];
        Tensor bias = w.size() > 2 ? vector(lc, w.get(2), filters) : null;
        String out = convNode(g, lc, name, ConvSpec.of(1, 1), pointwise.tensor(), bias, mid);
        return activate(g, lc, GraphBuilder.imageOut(out, filters, geo.outH(chw[1]), geo.outW(chw[2]), cl), name);
    }

    static KTensor depthwise(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        boolean cl = lc.channelsLast(g.channelsLastDefault());
        int[] chw = new int[3];
        String x = g.image(lc, in, cl, chw);
        ConvGeometry geo = ConvGeometry.of(lc);
        List<WeightArray> w = g.weights(lc, 1, 2);
        WeightArray dw = depthwiseKernel(lc, w.get(0), chw[0], geo);
        int filters = dw.shape()[0];
        Tensor bias = w.size() > 1 ? vector(lc, w.get(1), filters) : null;
        String out = convNode(g, lc, name, geo.spec(chw[0]), dw.tensor(), bias, x);
        return activate(g, lc, GraphBuilder.imageOut(out, filters, geo.outH(chw[1]), geo.outW(chw[2]), cl), name);
    }

    /** Depthwise (kH, kW, C, M) to a grouped-convolution weight (C*M, 1, kH, kW): output channel c*M + m. */
    private static WeightArray depthwiseKernel(LayerConfig lc, WeightArray k, int channels, ConvGeometry geo) throws ImportException {
        if (k.rank() != 4 || k.shape()[0] != geo.kh() || k.shape()[1] != geo.kw() || k.shape()[2] != channels) {
            throw lc.error("depthwise kernel " + k + " does not fit " + channels + " input channels and a "
                    + geo.kh() + "x" + geo.kw() + " kernel");
        }
        WeightArray p = k.permuted(2, 3, 0, 1);
        return new WeightArray(k.name(), new int[] {channels * k.shape()[3], 1, geo.kh(), geo.kw()}, p.data());
    }

    /** A convolution kernel in engine order (out, in, kH, kW), flipped for Theano-trained weights. */
    private static WeightArray oihw(GraphBuilder g, LayerConfig lc, WeightArray k, boolean cl) throws ImportException {
        if (k.rank() != 4) {
            throw lc.error("kernel " + k + " is not rank 4");
        }
        WeightArray o = g.kerasMajor() == 1 && !cl ? k : k.permuted(3, 2, 0, 1);
        return g.theano() ? o.flippedSpatially() : o;
    }

    private static void checkKernel(LayerConfig lc, WeightArray k, int filters, int inPerGroup, ConvGeometry geo) throws ImportException {
        int[] s = k.shape();
        int declared = lc.integer(filters, "filters", "nb_filter");
        if (s[0] != declared || s[1] != inPerGroup || s[2] != geo.kh() || s[3] != geo.kw()) {
            throw lc.error("kernel " + k + " does not fit " + declared + " filters of " + geo.kh() + "x" + geo.kw()
                    + " over " + inPerGroup + " input channels");
        }
    }

    static Tensor vector(LayerConfig lc, WeightArray b, int n) throws ImportException {
        if (b.data().length != n) {
            throw lc.error("bias " + b + " does not have " + n + " values");
        }
        return Tensor.of(new int[] {n}, b.data());
    }

    /** A Conv2D node with the layer's activation fused when it can be; otherwise named {@code name/linear}. */
    private static String convNode(GraphBuilder g, LayerConfig lc, String name, ConvSpec spec, Tensor w, Tensor b, String x)
            throws ImportException {
        Activation fused = Activations.fusable(g, lc, lc.find("activation"));
        return g.add(fused == null ? name + "/linear" : name, new Conv2D(spec, w, b, fused == null ? Activation.IDENTITY : fused), x);
    }

    /** Adds the activation node when it was not fused. */
    private static KTensor activate(GraphBuilder g, LayerConfig lc, KTensor pre, String name) throws ImportException {
        if (Activations.fusable(g, lc, lc.find("activation")) != null) {
            return pre;
        }
        return Activations.apply(g, lc, lc.find("activation"), pre, name);
    }
}
