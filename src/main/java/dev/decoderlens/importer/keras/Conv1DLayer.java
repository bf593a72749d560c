package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.Reshape;
import dev.decoderlens.engine.op.Transpose;
import dev.decoderlens.importer.ImportException;
import java.util.List;

/**
 * Conv1D/Convolution1D as a 2-D convolution over a height-1 image: (N, steps, C) is transposed to (N, C, 1, steps),
 * convolved with a (1, k) kernel and brought back to (N, steps', filters).
 */
final class Conv1DLayer {
    private Conv1DLayer() {
    }

    static KTensor map(GraphBuilder g, LayerConfig lc, KTensor in, String name) throws ImportException {
        if (in.rank() != 2) {
            throw lc.error("expects a (steps, channels) input, got shape " + GraphBuilder.shapeString(in.shape()));
        }
        boolean cl = !"channels_first".equals(lc.string("channels_last", "data_format"));
        KTensor x = g.plain(in);
        int steps = cl ? x.dim(0) : x.dim(1);
        int channels = cl ? x.dim(1) : x.dim(0);
        ConvGeometry geo = ConvGeometry.of1d(lc);
        int groups = lc.integer(1, "groups");
        List<WeightArray> w = g.weights(lc, 1, 2);
        WeightArray k = w.get(0);
        // Keras 2/3: (k, in, out); Keras 1: (k, 1, in, out). Engine: (out, in, 1, k).
        WeightArray oik = k.rank() == 3 ? k.permuted(2, 1, 0) : k.rank() == 4 ? k.permuted(3, 2, 1, 0) : null;
        if (oik == null || oik.shape()[1] * groups != channels || oik.shape()[oik.rank() - 1] != geo.kw()) {
            throw lc.error("kernel " + k + " does not fit " + channels + " input channels and a kernel of " + geo.kw());
        }
        int filters = oik.shape()[0];
        WeightArray kernel = new WeightArray(k.name(), new int[] {filters, channels / groups, 1, geo.kw()}, oik.data());
        if (g.theano()) {
            kernel = kernel.flippedSpatially();
        }
        Tensor bias = w.size() > 1 ? ConvLayers.vector(lc, w.get(1), filters) : null;
        Activation fused = Activations.fusable(g, lc, lc.find("activation"));
        String base = fused == null ? name + "/linear" : name;

        String src = cl ? g.add(base + "/channels_first", new Transpose(new int[] {0, 2, 1}), x.engine()) : x.engine();
        src = g.add(base + "/as_image", new Reshape(new int[] {0, channels, 1, -1}, false), src);
        src = g.add(base + "/conv", new Conv2D(geo.spec(groups), kernel.tensor(), bias, fused == null ? Activation.IDENTITY : fused), src);
        src = g.add(cl ? base + "/channels_first_out" : base, new Reshape(new int[] {0, filters, -1}, false), src);
        if (cl) {
            src = g.add(base, new Transpose(new int[] {0, 2, 1}), src);
        }
        int outSteps = geo.outW(steps);
        KTensor out = new KTensor(src, cl ? new int[] {outSteps, filters} : new int[] {filters, outSteps}, false);
        return fused == null ? Activations.apply(g, lc, lc.find("activation"), out, name) : out;
    }
}
