package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * ONNX Gemm: Y = alpha A' B' + beta C, A' = transA ? Aᵀ : A (M, K), B' = transB ? Bᵀ : B (K, N), C optional and
 * broadcast to (M, N). The Keras Dense layer after the importer. Output row-major.
 */
public final class Gemm implements Op {
    private final float alpha;
    private final float beta;
    private final boolean transA;
    private final boolean transB;

    public Gemm(float alpha, float beta, boolean transA, boolean transB) {
        this.alpha = alpha;
        this.beta = beta;
        this.transA = transA;
        this.transB = transB;
    }

    @Override
    public String type() {
        return "Gemm";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor a = OpInputs.requireRank(OpInputs.require(inputs, 0, type()), 2, type()).toRowMajor();
        Tensor b = OpInputs.requireRank(OpInputs.require(inputs, 1, type()), 2, type()).toRowMajor();
        Tensor c = OpInputs.optional(inputs, 2);
        int m = transA ? a.dim(1) : a.dim(0), k = transA ? a.dim(0) : a.dim(1);
        int kb = transB ? b.dim(1) : b.dim(0), n = transB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new IllegalArgumentException("Gemm inner dimensions differ: A' is " + m + "x" + k + ", B' is " + kb + "x" + n
                    + " (A " + Shapes.toString(a.shape()) + ", B " + Shapes.toString(b.shape()) + ")");
        }
        float[] av = transA ? MatrixMultiply.transpose(a.data(), k, m) : a.data();
        float[] bv = transB ? MatrixMultiply.transpose(b.data(), n, k) : b.data();
        float[] y = new float[m * n];
        MatrixMultiply.multiplyAdd(av, 0, bv, 0, y, 0, m, k, n);
        int[] out = {m, n};
        float[] cv = null;
        if (c != null && beta != 0f) {
            Broadcast.checkUnidirectional(c.shape(), out, type(), "C");
            cv = Broadcast.expand(c.toRowMajor().data(), c.shape(), out);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = alpha * y[i] + (cv == null ? 0f : beta * cv[i]);
        }
        return new Tensor[] {Tensor.of(out, y)};
    }

    @Override
    public long macs(int[][] s) {
        if (s.length < 2 || s[0].length != 2 || s[1].length != 2) {
            return 0;
        }
        return (long) s[0][0] * s[0][1] * (transB ? s[1][0] : s[1][1]);
    }
}
