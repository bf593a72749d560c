package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * Softmax or LogSoftmax along one axis (ONNX opset 13). With {@code coerce2d} (opset < 13) the input is seen as
 * 2-D, (d0 ... d(axis-1), d(axis) ... dn), and normalised over the whole second part. Output row-major.
 */
public final class Softmax implements Op {
    private final int axis;
    private final boolean log;
    private final boolean coerce2d;

    public Softmax(int axis, boolean log, boolean coerce2d) {
        this.axis = axis;
        this.log = log;
        this.coerce2d = coerce2d;
    }

    @Override
    public String type() {
        return log ? "LogSoftmax" : "Softmax";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type()).toRowMajor();
        int r = x.rank();
        int[] s = x.shape();
        if (r == 0) {
            throw new IllegalArgumentException(type() + " needs an input of rank >= 1");
        }
        int a = OpInputs.axis(axis, r, type());
        // Viewed as (outer, n, inner); normalised over n.
        int outer = OpInputs.prod(s, 0, a);
        int n = coerce2d ? OpInputs.prod(s, a, r) : s[a];
        int inner = coerce2d ? 1 : OpInputs.prod(s, a + 1, r);
        float[] src = x.data(), dst = new float[src.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < n; k++) {
                    max = Math.max(max, src[base + k * inner]);
                }
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += StrictMath.exp(src[base + k * inner] - max);
                }
                double logSum = Math.log(sum);
                for (int k = 0; k < n; k++) {
                    double shifted = src[base + k * inner] - max;
                    dst[base + k * inner] = (float) (log ? shifted - logSum : StrictMath.exp(shifted) / sum);
                }
            }
        }
        return new Tensor[] {Tensor.of(s, dst)};
    }
}
