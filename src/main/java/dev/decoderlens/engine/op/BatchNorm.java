package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * Inference-mode batch normalisation: y = scale (x - mean) / sqrt(var + eps) + bias per channel, folded at
 * construction into one multiply-add per value.
 */
public final class BatchNorm implements Op {
    private final float[] mul;
    private final float[] add;

    public BatchNorm(float[] scale, float[] bias, float[] mean, float[] var, float epsilon) {
        if (scale == null || bias == null || mean == null || var == null) {
            throw new IllegalArgumentException("BatchNormalization needs scale, bias, mean and variance");
        }
        int c = scale.length;
        if (bias.length != c || mean.length != c || var.length != c) {
            throw new IllegalArgumentException("BatchNormalization parameters disagree on the channel count: scale "
                    + c + ", bias " + bias.length + ", mean " + mean.length + ", var " + var.length);
        }
        mul = new float[c];
        add = new float[c];
        for (int i = 0; i < c; i++) {
            double m = scale[i] / Math.sqrt((double) var[i] + epsilon);
            mul[i] = (float) m;
            add[i] = (float) (bias[i] - mean[i] * m);
        }
    }

    @Override
    public String type() {
        return "BatchNormalization";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        return new Tensor[] {ChannelAffine.apply(OpInputs.require(inputs, 0, type()), mul, add, type())};
    }

    @Override
    public long macs(int[][] inputShapes) {
        return dev.decoderlens.engine.Shapes.size(inputShapes[0]);
    }
}
