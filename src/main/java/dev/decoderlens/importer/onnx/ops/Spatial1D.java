package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * Runs a 2-D spatial operator on a 1-D signal: (N, C, L) becomes (N, C, 1, L) for the inner operator, whose
 * kernel was built as 1 x k, and the result goes back to rank 3. The engine only has 2-D kernels.
 */
public record Spatial1D(Op inner) implements Op {
    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (x.rank() != 3) {
            throw new IllegalArgumentException(inner.type() + " with a 1-D kernel expects a rank-3 input, got rank " + x.rank());
        }
        Tensor[] args = in.clone();
        args[0] = x.reshape(x.dim(0), x.dim(1), 1, x.dim(2));
        Tensor[] out = inner.apply(args, ctx);
        Tensor y = out[0];
        out[0] = y.reshape(y.dim(0), y.dim(1), y.dim(3));
        return out;
    }

    @Override
    public long macs(int[][] shapes) {
        int[][] s = shapes.clone();
        if (s[0] != null && s[0].length == 3) {
            s[0] = new int[] {s[0][0], s[0][1], 1, s[0][2]};
        }
        return inner.macs(s);
    }
}
