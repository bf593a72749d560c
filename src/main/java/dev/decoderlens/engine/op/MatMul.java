package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * numpy matmul: the last two axes are matrices, the leading ones broadcast batches; a rank-1 A is a row (1, K)
 * and a rank-1 B a column (K, 1), whose added axis is dropped from the result. Output row-major.
 */
public final class MatMul implements Op {

    public MatMul() {
    }

    @Override
    public String type() {
        return "MatMul";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor a = OpInputs.require(inputs, 0, type()).toRowMajor();
        Tensor b = OpInputs.require(inputs, 1, type()).toRowMajor();
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("MatMul needs inputs of rank >= 1, got " + Shapes.toString(a.shape())
                    + " and " + Shapes.toString(b.shape()));
        }
        int[] sa = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.shape();
        int[] sb = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.shape();
        int m = sa[sa.length - 2], k = sa[sa.length - 1], n = sb[sb.length - 1];
        if (sb[sb.length - 2] != k) {
            throw new IllegalArgumentException("MatMul inner dimensions differ: " + Shapes.toString(a.shape()) + " times "
                    + Shapes.toString(b.shape()));
        }
        int[] batchA = Arrays.copyOf(sa, sa.length - 2), batchB = Arrays.copyOf(sb, sb.length - 2);
        int[] batch = Broadcast.shape(batchA, batchB, type());
        int batches = Math.toIntExact(Shapes.size(batch));
        // The matrix index of A and B for each output batch, by broadcasting the batch indices themselves.
        float[] indexA = Broadcast.expand(iota(batchA), batchA, batch);
        float[] indexB = Broadcast.expand(iota(batchB), batchB, batch);
        float[] y = new float[batches * m * n];
        for (int t = 0; t < batches; t++) {
            ctx.checkCancelled();
            MatrixMultiply.multiplyAdd(a.data(), (int) indexA[t] * m * k, b.data(), (int) indexB[t] * k * n, y, t * m * n, m, k, n);
        }
        int[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = n;
        if (b.rank() == 1) {
            out = dropAxis(out, out.length - 1);
        }
        if (a.rank() == 1) {
            out = dropAxis(out, out.length - (b.rank() == 1 ? 1 : 2));
        }
        return new Tensor[] {Tensor.of(out, y)};
    }

    @Override
    public long macs(int[][] s) {
        if (s.length < 2 || s[0].length == 0 || s[1].length == 0) {
            return 0;
        }
        int[] sa = s[0].length == 1 ? new int[] {1, s[0][0]} : s[0];
        int[] sb = s[1].length == 1 ? new int[] {s[1][0], 1} : s[1];
        try {
            int[] batch = Broadcast.shape(Arrays.copyOf(sa, sa.length - 2), Arrays.copyOf(sb, sb.length - 2), type());
            return Shapes.size(batch) * sa[sa.length - 2] * sa[sa.length - 1] * sb[sb.length - 1];
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** 0, 1, 2, ... as floats (exact up to 2^24 matrices). */
    private static float[] iota(int[] shape) {
        float[] v = new float[Math.toIntExact(Shapes.size(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return v;
    }

    private static int[] dropAxis(int[] s, int axis) {
        int[] out = new int[s.length - 1];
        for (int i = 0, k = 0; i < s.length; i++) {
            if (i != axis) {
                out[k++] = s[i];
            }
        }
        return out;
    }
}
