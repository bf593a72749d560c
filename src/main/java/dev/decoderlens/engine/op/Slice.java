package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * ONNX Slice: for each listed axis, indices start, start + step, ... up to (not including) end. Negative starts
 * and ends count from the end; out-of-range values are clamped as ONNX says ([0, dim] for positive steps,
 * [-1, dim - 1] for negative ones), so Integer.MAX_VALUE / MIN_VALUE mean "to the end". Null starts read starts,
 * ends, axes and steps from inputs 1 to 4 (opset 10+). Reads any storage; output row-major.
 */
public final class Slice implements Op {
    private final int[] starts;
    private final int[] ends;
    private final int[] axes;
    private final int[] steps;

    public Slice(int[] starts, int[] ends, int[] axes, int[] steps) {
        this.starts = starts == null ? null : starts.clone();
        this.ends = ends == null ? null : ends.clone();
        this.axes = axes == null ? null : axes.clone();
        this.steps = steps == null ? null : steps.clone();
        if ((starts == null) != (ends == null)) {
            throw new IllegalArgumentException("Slice needs both starts and ends, or neither (then read from inputs)");
        }
    }

    @Override
    public String type() {
        return "Slice";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        int[] st = starts, en = ends, ax = axes, sp = steps;
        if (st == null) {
            st = OpInputs.ints(OpInputs.require(inputs, 1, type()));
            en = OpInputs.ints(OpInputs.require(inputs, 2, type()));
            Tensor a = OpInputs.optional(inputs, 3), s = OpInputs.optional(inputs, 4);
            ax = a == null ? null : OpInputs.ints(a);
            sp = s == null ? null : OpInputs.ints(s);
        }
        int r = x.rank();
        if (en.length != st.length || (ax != null && ax.length != st.length) || (sp != null && sp.length != st.length)) {
            throw new IllegalArgumentException("Slice starts, ends, axes and steps differ in length: " + Arrays.toString(st)
                    + ", " + Arrays.toString(en) + ", " + Arrays.toString(ax) + ", " + Arrays.toString(sp));
        }
        int[] in = x.shape(), strides = StridedGather.strides(x);
        int[] out = in.clone();
        int[] first = new int[r], step = new int[r];
        Arrays.fill(step, 1);
        boolean[] seen = new boolean[r];
        for (int k = 0; k < st.length; k++) {
            int a = OpInputs.axis(ax == null ? k : ax[k], r, type());
            if (seen[a]) {
                throw new IllegalArgumentException("Slice lists axis " + a + " twice");
            }
            seen[a] = true;
            int s = sp == null ? 1 : sp[k];
            if (s == 0) {
                throw new IllegalArgumentException("Slice step must not be 0 (axis " + a + ")");
            }
            long dim = in[a];
            long b = st[k] < 0 ? st[k] + dim : st[k];
            long e = en[k] < 0 ? en[k] + dim : en[k];
            if (s > 0) {
                b = clamp(b, 0, dim);
                e = clamp(e, 0, dim);
                out[a] = (int) Math.max(0, Math.ceilDiv(e - b, s));
            } else {
                b = clamp(b, 0, dim - 1);
                e = clamp(e, -1, dim - 1);
                out[a] = (int) Math.max(0, Math.ceilDiv(b - e, -s));
            }
            first[a] = (int) b;
            step[a] = s;
        }
        int[][] table = new int[r][];
        for (int a = 0; a < r; a++) {
            table[a] = StridedGather.linear(out[a], first[a], step[a], strides[a]);
        }
        return new Tensor[] {Tensor.of(out, StridedGather.gather(x.data(), table, out, 0f))};
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.min(Math.max(v, lo), hi);
    }
}
