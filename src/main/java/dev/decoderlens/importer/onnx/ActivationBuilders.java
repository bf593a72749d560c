package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.ActivationOp;
import dev.decoderlens.engine.op.PRelu;
import dev.decoderlens.engine.op.Softmax;
import java.util.Map;

/** Elementwise activations, PRelu, Clip (attribute and input forms) and Softmax / LogSoftmax. */
final class ActivationBuilders {
    private ActivationBuilders() {
    }

    static void register(Map<String, OpBuilder> table) {
        table.put("Relu", n -> new ActivationOp(Activation.RELU));
        table.put("Sigmoid", n -> new ActivationOp(Activation.SIGMOID));
        table.put("Tanh", n -> new ActivationOp(Activation.TANH));
        table.put("Softplus", n -> new ActivationOp(Activation.SOFTPLUS));
        table.put("LeakyRelu", n -> new ActivationOp(Activation.leakyRelu(n.attrFloat("alpha", 0.01f))));
        table.put("Elu", n -> new ActivationOp(Activation.elu(n.attrFloat("alpha", 1f))));
        table.put("Selu", n -> new ActivationOp(Activation.selu(
                n.attrFloat("alpha", 1.67326319217681884765625f), n.attrFloat("gamma", 1.05070102214813232421875f))));
        table.put("HardSigmoid", n -> new ActivationOp(Activation.hardSigmoid(n.attrFloat("alpha", 0.2f), n.attrFloat("beta", 0.5f))));
        table.put("Clip", n -> {
            float lo;
            float hi;
            if (n.opset() < 11) {
                lo = n.attrFloat("min", Float.NEGATIVE_INFINITY);
                hi = n.attrFloat("max", Float.POSITIVE_INFINITY);
            } else {
                Tensor min = n.param(1);
                Tensor max = n.param(2);
                lo = min == null ? Float.NEGATIVE_INFINITY : min.data()[0];
                hi = max == null ? Float.POSITIVE_INFINITY : max.data()[0];
            }
            return new ActivationOp(Activation.clip(lo, hi));
        });
        table.put("PRelu", n -> new PRelu(slope(n)));
        table.put("Softmax", n -> softmax(n, false));
        table.put("LogSoftmax", n -> softmax(n, true));
    }

    /**
     * PRelu before opset 7 gave a 1-D slope of C values per channel; from opset 7 the slope broadcasts as numpy does
     * from the right. A 1-D slope of C values in an old file is therefore shaped (C, 1, 1) here.
     */
    private static Tensor slope(NodeContext n) {
        Tensor s = n.requireParam(1, "slope");
        if (n.opset() < 7 && s.rank() == 1 && s.size() > 1) {
            return s.reshape(s.size(), 1, 1);
        }
        return s;
    }

    private static Softmax softmax(NodeContext n, boolean log) {
        boolean legacy = n.opset() < 13; // flatten to 2-D at axis (default 1) before opset 13
        return new Softmax(n.attrInt("axis", legacy ? 1 : -1), log, legacy);
    }
}
