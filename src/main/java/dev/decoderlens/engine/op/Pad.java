package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * Pads (or, with negative pads, crops) every logical axis. {@code pads} = [x1_begin, x2_begin, ..., x1_end,
 * x2_end, ...] as in ONNX; null reads them from input 1 (and the constant from input 2, the axes from input 3,
 * as ONNX opset 11+ and 18 pass them). REFLECT mirrors without repeating the edge (numpy "reflect"), EDGE repeats
 * the edge. Rank-4 outputs are NHWC, others row-major.
 */
public final class Pad implements Op {

    public enum Mode {
        CONSTANT, REFLECT, EDGE
    }

    private final Mode mode;
    private final int[] pads;
    private final float value;

    public Pad(Mode mode, int[] pads, float value) {
        this.mode = mode == null ? Mode.CONSTANT : mode;
        this.pads = pads == null ? null : pads.clone();
        this.value = value;
    }

    @Override
    public String type() {
        return "Pad";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        int r = x.rank();
        int[] p = pads != null ? pads : padsFromInputs(inputs, r);
        float fill = value;
        Tensor v = OpInputs.optional(inputs, 2);
        if (pads == null && v != null && v.size() > 0) {
            fill = v.data()[0];
        }
        if (p.length != 2 * r) {
            throw new IllegalArgumentException("Pad needs " + 2 * r + " pads for a rank-" + r + " input, got " + p.length);
        }
        int[] in = x.shape(), strides = StridedGather.strides(x);
        int[] out = new int[r];
        int[][] table = new int[r][];
        for (int a = 0; a < r; a++) {
            out[a] = in[a] + p[a] + p[a + r];
            if (out[a] < 0) {
                throw new IllegalArgumentException("Pad of " + p[a] + "+" + p[a + r] + " on axis " + a + " crops more than its "
                        + in[a] + " values");
            }
            if (in[a] == 0 && out[a] > 0 && mode != Mode.CONSTANT) {
                throw new IllegalArgumentException("Pad mode " + mode + " cannot pad the empty axis " + a);
            }
            table[a] = axisTable(out[a], in[a], p[a], strides[a]);
        }
        if (r == 4) {
            // Write NHWC: gather in (N, H, W, C) order.
            int[] phys = {0, 2, 3, 1};
            int[] view = {out[0], out[2], out[3], out[1]};
            int[][] t = {table[phys[0]], table[phys[1]], table[phys[2]], table[phys[3]]};
            return new Tensor[] {new Tensor(out, StridedGather.gather(x.data(), t, view, fill), Layout.NHWC)};
        }
        return new Tensor[] {Tensor.of(out, StridedGather.gather(x.data(), table, out, fill))};
    }

    /** Source offsets along one axis: output o reads input o - begin, mapped back inside by the mode. */
    private int[] axisTable(int out, int in, int begin, int stride) {
        int[] t = new int[out];
        for (int o = 0; o < out; o++) {
            int i = o - begin;
            if (i < 0 || i >= in) {
                i = switch (mode) {
                    case CONSTANT -> -1;
                    case EDGE -> Math.min(Math.max(i, 0), in - 1);
                    case REFLECT -> reflect(i, in);
                };
            }
            t[o] = i < 0 ? -1 : i * stride;
        }
        return t;
    }

    /** numpy "reflect": ... 2 1 | 0 1 2 | 1 0 ..., repeated for pads longer than the axis. */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    private static int[] padsFromInputs(Tensor[] inputs, int rank) {
        int[] given = OpInputs.ints(OpInputs.require(inputs, 1, "Pad"));
        Tensor axesInput = OpInputs.optional(inputs, 3);
        if (axesInput == null) {
            return given;
        }
        int[] axes = OpInputs.ints(axesInput);
        if (given.length != 2 * axes.length) {
            throw new IllegalArgumentException("Pad needs " + 2 * axes.length + " pads for axes " + Arrays.toString(axes)
                    + ", got " + given.length);
        }
        int[] full = new int[2 * rank];
        for (int k = 0; k < axes.length; k++) {
            int a = OpInputs.axis(axes[k], rank, "Pad");
            full[a] = given[k];
            full[a + rank] = given[k + axes.length];
        }
        return full;
    }
}
