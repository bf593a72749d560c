package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * Opset 1-6 broadcasting with an {@code axis} attribute (Add, Mul, ... with broadcast=1, axis=a): B's dimensions
 * line up with A's starting at {@code axis} rather than from the right. Giving B trailing ones turns that into
 * numpy broadcasting, which the wrapped operator does.
 */
public record AxisAligned(Op inner, int axis) implements Op {
    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor a = in[0];
        Tensor b = in[1];
        int start = axis < 0 ? axis + a.rank() : axis;
        int trailing = a.rank() - start - b.rank();
        if (start < 0 || trailing < 0) {
            throw new IllegalArgumentException("cannot align a rank-" + b.rank() + " operand at axis " + axis
                    + " of a rank-" + a.rank() + " tensor");
        }
        if (trailing > 0) {
            int[] s = new int[b.rank() + trailing];
            System.arraycopy(b.shape(), 0, s, 0, b.rank());
            java.util.Arrays.fill(s, b.rank(), s.length, 1);
            b = b.reshape(s);
        }
        return inner.apply(new Tensor[] {a, b}, ctx);
    }
}
