package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/** (d0, ..., dn) -> (d0 ... d(axis-1), d(axis) ... dn), row-major; axis in [-rank, rank], default 1. */
public final class Flatten implements Op {
    private final int axis;

    public Flatten(int axis) {
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Flatten";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        int r = x.rank();
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a > r) {
            throw new IllegalArgumentException("Flatten axis " + axis + " is out of range for rank " + r);
        }
        int[] s = x.shape();
        return new Tensor[] {x.reshape(OpInputs.prod(s, 0, a), OpInputs.prod(s, a, r))};
    }
}
