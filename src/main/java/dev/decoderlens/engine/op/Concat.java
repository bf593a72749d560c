package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * Joins tensors along one axis. A channel concat of rank-4 inputs (the U-Net skip connection) works on NHWC
 * storage and stays NHWC; every other axis is joined row-major.
 */
public final class Concat implements Op {
    private final int axis;

    public Concat(int axis) {
        this.axis = axis;
    }

    @Override
    public String type() {
        return "Concat";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("Concat needs at least one input");
        }
        Tensor first = OpInputs.require(inputs, 0, type());
        int rank = first.rank();
        int ax = OpInputs.axis(axis, rank, type());
        int[] out = first.shape();
        out[ax] = 0;
        for (int i = 0; i < inputs.length; i++) {
            int[] s = OpInputs.require(inputs, i, type()).shape();
            if (s.length != rank) {
                throw new IllegalArgumentException("Concat input " + (i + 1) + " has rank " + s.length + ", expected " + rank);
            }
            for (int d = 0; d < rank; d++) {
                if (d != ax && s[d] != first.dim(d)) {
                    throw new IllegalArgumentException("Concat input " + (i + 1) + " has shape " + Shapes.toString(s)
                            + ", which differs from " + Shapes.toString(first.shape()) + " outside axis " + ax);
                }
            }
            out[ax] += s[ax];
        }
        boolean nhwc = rank == 4 && ax == 1;
        // Viewed as (outer, axis * inner): NHWC channel concat is outer = N*H*W, inner = 1.
        int outer = nhwc ? out[0] * out[2] * out[3] : OpInputs.prod(out, 0, ax);
        int inner = nhwc ? 1 : OpInputs.prod(out, ax + 1, rank);
        int rowOut = out[ax] * inner;
        float[] dst = new float[Math.toIntExact(Shapes.size(out))];
        int offset = 0;
        for (Tensor t : inputs) {
            float[] src = (nhwc ? t.toNhwc() : t.toRowMajor()).data();
            int row = t.dim(ax) * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, o * row, dst, o * rowOut + offset, row);
            }
            offset += row;
        }
        return new Tensor[] {new Tensor(out, dst, nhwc ? Layout.NHWC : Layout.ROW_MAJOR)};
    }
}
