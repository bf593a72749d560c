package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * Inserts size-1 axes at the listed positions of the output (negative ones count from the output's end); null axes
 * are read from input 1 (ONNX opset 13). Output row-major.
 */
public final class Unsqueeze implements Op {
    private final int[] axes;

    public Unsqueeze(int[] axes) {
        this.axes = axes == null ? null : axes.clone();
    }

    @Override
    public String type() {
        return "Unsqueeze";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        int[] ax = axes != null ? axes : OpInputs.ints(OpInputs.require(inputs, 1, type()));
        int[] s = x.shape();
        int r = s.length + ax.length;
        boolean[] inserted = new boolean[r];
        for (int a : ax) {
            int i = OpInputs.axis(a, r, type());
            if (inserted[i]) {
                throw new IllegalArgumentException("Unsqueeze lists axis " + a + " twice in " + Arrays.toString(ax));
            }
            inserted[i] = true;
        }
        int[] out = new int[r];
        for (int i = 0, k = 0; i < r; i++) {
            out[i] = inserted[i] ? 1 : s[k++];
        }
        return new Tensor[] {x.reshape(out)};
    }
}
