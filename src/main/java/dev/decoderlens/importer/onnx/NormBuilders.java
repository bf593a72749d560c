package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.BatchNorm;
import dev.decoderlens.engine.op.InstanceNorm;
import dev.decoderlens.importer.onnx.ops.Lrn;
import java.util.Map;

/** BatchNormalization (inference form, opsets 1-15 incl. is_test/spatial), InstanceNormalization, LRN. */
final class NormBuilders {
    private NormBuilders() {
    }

    static void register(Map<String, OpBuilder> table) {
        table.put("BatchNormalization", n -> {
            if (n.attrInt("training_mode", 0) != 0) {
                throw new IllegalArgumentException("training_mode=1 is not supported (export the model in eval mode)");
            }
            // Opsets before 9 had spatial: 1 (the default) normalises per channel, which is all the engine does.
            if (n.opset() < 9 && n.attrInt("spatial", 1) == 0) {
                throw new IllegalArgumentException("spatial=0 (per-element statistics) is not supported");
            }
            float[] scale = vector(n, 1, "scale");
            float[] bias = vector(n, 2, "bias");
            float[] mean = vector(n, 3, "mean");
            float[] var = vector(n, 4, "variance");
            return new BatchNorm(scale, bias, mean, var, n.attrFloat("epsilon", 1e-5f));
        });
        table.put("InstanceNormalization", n -> new InstanceNorm(vector(n, 1, "scale"), vector(n, 2, "bias"),
                n.attrFloat("epsilon", 1e-5f)));
        table.put("LRN", n -> {
            int size = n.attrInt("size", 0);
            if (size < 1) {
                throw new IllegalArgumentException("needs a size attribute of at least 1");
            }
            return new Lrn(size, n.attrFloat("alpha", 1e-4f), n.attrFloat("beta", 0.75f), n.attrFloat("bias", 1f));
        });
    }

    private static float[] vector(NodeContext n, int i, String what) {
        Tensor t = n.requireParam(i, what);
        return t.toRowMajor().data().clone();
    }
}
