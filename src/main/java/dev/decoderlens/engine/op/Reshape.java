package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * Gives the row-major values another shape: 0 copies the input's dim at that position (unless {@code allowZero},
 * ONNX opset 14), one -1 is inferred. A null shape is read from input 1.
 */
public final class Reshape implements Op {
    private final int[] shape;
    private final boolean allowZero;

    public Reshape(int[] shape, boolean allowZero) {
        this.shape = shape == null ? null : shape.clone();
        this.allowZero = allowZero;
    }

    @Override
    public String type() {
        return "Reshape";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        int[] target = shape != null ? shape : OpInputs.ints(OpInputs.require(inputs, 1, type()));
        return new Tensor[] {x.reshape(resolve(x.shape(), target, allowZero, type()))};
    }

    /** The concrete shape: zeros copied (unless allowZero), the single -1 inferred, the size checked. */
    static int[] resolve(int[] in, int[] target, boolean allowZero, String op) {
        int[] out = target.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 0 && !allowZero) {
                if (i >= in.length) {
                    throw new IllegalArgumentException(op + " shape " + Arrays.toString(target) + " copies dim " + i
                            + " of a rank-" + in.length + " input");
                }
                out[i] = in[i];
            }
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + " shape " + Arrays.toString(target) + " has more than one -1");
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException(op + " shape " + Arrays.toString(target) + " has a negative dim");
            } else {
                known *= out[i];
            }
        }
        long size = Shapes.size(in);
        if (infer >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException(op + " cannot infer -1 in " + Arrays.toString(target) + " for "
                        + size + " values of " + Shapes.toString(in));
            }
            out[infer] = (int) (size / known);
        } else if (known != size) {
            throw new IllegalArgumentException(op + " cannot turn " + Shapes.toString(in) + " (" + size + " values) into "
                    + Shapes.toString(out) + " (" + known + " values)");
        }
        return out;
    }
}
