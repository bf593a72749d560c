package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.importer.onnx.ops.Spatial1D;
import java.util.Arrays;
import java.util.Map;

/** Conv and ConvTranspose (2-D, and 1-D through a 1 x k kernel). Weights and bias are parameters. */
final class ConvBuilders {
    private ConvBuilders() {
    }

    static void register(Map<String, OpBuilder> table) {
        table.put("Conv", n -> build(n, false));
        table.put("ConvTranspose", n -> build(n, true));
    }

    private static Op build(NodeContext n, boolean transposed) {
        Tensor w = n.requireParam(1, "weights");
        Tensor b = n.param(2);
        int[] ws = w.shape();
        if (ws.length < 3) {
            throw new IllegalArgumentException("weights of rank " + ws.length + " are not a convolution kernel");
        }
        int[] kernel = n.attrInts("kernel_shape", Arrays.copyOfRange(ws, 2, ws.length));
        SpatialAttrs a = SpatialAttrs.read(n, kernel);
        if (a.oneD()) {
            w = w.reshape(ws[0], ws[1], 1, ws[2]);
        }
        int group = n.attrInt("group", 1);
        int[] outPad = n.attrInts("output_padding", null);
        int[] outShape = n.attrInts("output_shape", null);
        int opH = 0, opW = 0;
        if (outPad != null) {
            int k = outPad.length;
            opW = outPad[k - 1];
            opH = a.oneD() ? 0 : outPad[k - 2];
        }
        int[] outHW = null;
        if (outShape != null) {
            int k = outShape.length; // spatial dims; some exporters write (N, C, H, W)
            outHW = a.oneD() ? new int[] {1, outShape[k - 1]} : new int[] {outShape[k - 2], outShape[k - 1]};
        }
        ConvSpec spec = new ConvSpec(a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), a.dilationH(), a.dilationW(),
                group, a.autoPad(), a.pads(), opH, opW, outHW);
        Op op = transposed ? new ConvTranspose2D(spec, w, b, Activation.IDENTITY) : new Conv2D(spec, w, b, Activation.IDENTITY);
        return a.oneD() ? new Spatial1D(op) : op;
    }
}
