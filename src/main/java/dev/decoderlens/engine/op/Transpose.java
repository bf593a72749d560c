package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * Permutes axes: output axis i is input axis perm[i]; a null perm reverses them (ONNX default). Reads any
 * storage directly, so NCHW -> NHWC of a channels-last tensor is a plain copy. Output row-major.
 */
public final class Transpose implements Op {
    private final int[] perm;

    public Transpose(int[] perm) {
        this.perm = perm == null ? null : perm.clone();
    }

    @Override
    public String type() {
        return "Transpose";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        int r = x.rank();
        int[] p = perm != null ? perm : reversed(r);
        checkPermutation(p, r);
        int[] in = x.shape(), strides = StridedGather.strides(x);
        int[] out = new int[r];
        int[][] table = new int[r][];
        for (int i = 0; i < r; i++) {
            out[i] = in[p[i]];
            table[i] = StridedGather.linear(out[i], 0, 1, strides[p[i]]);
        }
        return new Tensor[] {Tensor.of(out, StridedGather.gather(x.data(), table, out, 0f))};
    }

    private static int[] reversed(int r) {
        int[] p = new int[r];
        for (int i = 0; i < r; i++) {
            p[i] = r - 1 - i;
        }
        return p;
    }

    private void checkPermutation(int[] p, int r) {
        boolean[] seen = new boolean[r];
        boolean ok = p.length == r;
        for (int i = 0; ok && i < r; i++) {
            ok = p[i] >= 0 && p[i] < r && !seen[p[i]];
            if (ok) {
                seen[p[i]] = true;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("Transpose perm " + Arrays.toString(p) + " is not a permutation of "
                    + r + " axes");
        }
    }
}
