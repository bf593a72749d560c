package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/** Global max or average over H and W: (N, C, H, W) to (N, C, 1, 1), NHWC. */
public final class GlobalPool implements Op {
    private final boolean max;

    public GlobalPool(boolean max) {
        this.max = max;
    }

    @Override
    public String type() {
        return max ? "GlobalMaxPool" : "GlobalAveragePool";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor in = OpInputs.requireRank(OpInputs.require(inputs, 0, type()), 4, type()).toNhwc();
        int n = in.dim(0), c = in.dim(1), hw = in.dim(2) * in.dim(3);
        if (hw == 0) {
            throw new IllegalArgumentException(type() + " needs a non-empty image, got " + in);
        }
        float[] x = in.data();
        float[] y = new float[n * c];
        for (int b = 0; b < n; b++) {
            int yo = b * c;
            // Sum in double: a 512x512 map has 262,144 terms.
            double[] acc = new double[c];
            java.util.Arrays.fill(acc, max ? Double.NEGATIVE_INFINITY : 0);
            for (int p = 0; p < hw; p++) {
                int xo = (b * hw + p) * c;
                for (int ch = 0; ch < c; ch++) {
                    acc[ch] = max ? Math.max(acc[ch], x[xo + ch]) : acc[ch] + x[xo + ch];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                y[yo + ch] = (float) (max ? acc[ch] : acc[ch] / hw);
            }
        }
        return new Tensor[] {Tensor.nhwc(n, c, 1, 1, y)};
    }

    @Override
    public long macs(int[][] inputShapes) {
        return dev.decoderlens.engine.Shapes.size(inputShapes[0]);
    }
}
