package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * Removes size-1 axes: the listed ones, or all of them when axes is null and no axes input (ONNX opset 13 passes
 * them as input 1) is given. Output row-major.
 */
public final class Squeeze implements Op {
    private final int[] axes;

    public Squeeze(int[] axes) {
        this.axes = axes == null ? null : axes.clone();
    }

    @Override
    public String type() {
        return "Squeeze";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        int[] s = x.shape();
        int[] ax = axes;
        Tensor axesInput = OpInputs.optional(inputs, 1);
        if (ax == null && axesInput != null) {
            ax = OpInputs.ints(axesInput);
        }
        boolean[] drop = new boolean[s.length];
        if (ax == null) {
            for (int i = 0; i < s.length; i++) {
                drop[i] = s[i] == 1;
            }
        } else {
            for (int a : ax) {
                int i = OpInputs.axis(a, s.length, type());
                if (s[i] != 1) {
                    throw new IllegalArgumentException("Squeeze axis " + a + " of " + Shapes.toString(s) + " has size " + s[i] + ", not 1");
                }
                drop[i] = true;
            }
        }
        int kept = 0;
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            if (!drop[i]) {
                out[kept++] = s[i];
            }
        }
        return new Tensor[] {x.reshape(java.util.Arrays.copyOf(out, kept))};
    }
}
