package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * Instance normalisation: each (n, c) map is shifted to mean 0 and scaled to variance 1 (biased variance over
 * H x W), then y = scale[c] * x̂ + bias[c]. Rank 4 runs on NHWC and returns NHWC; rank 3 (N, C, L) row-major.
 */
public final class InstanceNorm implements Op {
    private final float[] scale;
    private final float[] bias;
    private final float epsilon;

    public InstanceNorm(float[] scale, float[] bias, float epsilon) {
        if (scale == null || bias == null || scale.length != bias.length) {
            throw new IllegalArgumentException("InstanceNormalization needs scale and bias of the same length, got "
                    + (scale == null ? "null" : scale.length) + " and " + (bias == null ? "null" : bias.length));
        }
        this.scale = scale.clone();
        this.bias = bias.clone();
        this.epsilon = epsilon;
    }

    @Override
    public String type() {
        return "InstanceNormalization";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        if (x.rank() < 3 || x.dim(1) != scale.length) {
            throw new IllegalArgumentException(type() + " expects (N, " + scale.length + ", ...) input, got "
                    + Shapes.toString(x.shape()));
        }
        boolean nhwc = x.rank() == 4;
        Tensor in = nhwc ? x.toNhwc() : x.toRowMajor();
        int n = x.dim(0), c = x.dim(1), spatial = OpInputs.prod(x.shape(), 2, x.rank());
        // Storage as (N, spatial, C) for NHWC, (N, C, spatial) otherwise: step between a map's values, between maps.
        int valueStep = nhwc ? c : 1, channelStep = nhwc ? 1 : spatial;
        float[] src = in.data(), dst = new float[src.length];
        for (int b = 0; b < n; b++) {
            ctx.checkCancelled();
            int batch = b * c * spatial;
            for (int ch = 0; ch < c; ch++) {
                int base = batch + ch * channelStep;
                double sum = 0, sq = 0;
                for (int p = 0, i = base; p < spatial; p++, i += valueStep) {
                    sum += src[i];
                }
                double mean = sum / spatial;
                for (int p = 0, i = base; p < spatial; p++, i += valueStep) {
                    double d = src[i] - mean;
                    sq += d * d;
                }
                double mul = scale[ch] / Math.sqrt(sq / spatial + epsilon);
                double add = bias[ch] - mean * mul;
                for (int p = 0, i = base; p < spatial; p++, i += valueStep) {
                    dst[i] = (float) (src[i] * mul + add);
                }
            }
        }
        return new Tensor[] {new Tensor(x.shape(), dst, nhwc ? Layout.NHWC : Layout.ROW_MAJOR)};
    }

    @Override
    public long macs(int[][] inputShapes) {
        return 3 * Shapes.size(inputShapes[0]);
    }
}
