package dev.decoderlens.engine.op;

import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/** Checks every operator makes on its inputs, so that each refusal reads the same way. */
final class OpInputs {
    private OpInputs() {
    }

    /** The input at {@code index}, refusing a missing one with a message naming the operator. */
    static Tensor require(Tensor[] inputs, int index, String op) {
        if (inputs == null || index >= inputs.length || inputs[index] == null) {
            throw new IllegalArgumentException(op + " needs input " + (index + 1) + ", got "
                    + (inputs == null ? 0 : inputs.length) + " input(s)");
        }
        return inputs[index];
    }

    /** The input at {@code index}, or null when absent (optional inputs). */
    static Tensor optional(Tensor[] inputs, int index) {
        return inputs != null && index < inputs.length ? inputs[index] : null;
    }

    /** Refuses a tensor whose rank is not {@code rank}. */
    static Tensor requireRank(Tensor t, int rank, String op) {
        if (t.rank() != rank) {
            throw new IllegalArgumentException(op + " expects a rank-" + rank + " input"
                    + (rank == 4 ? " (N, C, H, W)" : "") + ", got shape " + Shapes.toString(t.shape()));
        }
        return t;
    }

    /** An axis in [-rank, rank) made non-negative, or a message naming the operator. */
    static int axis(int axis, int rank, String op) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + " axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** The values of a small integer tensor (shape, axes, pads read from an input). */
    static int[] ints(Tensor t) {
        float[] d = t.toRowMajor().data();
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (int) d[i];
        }
        return out;
    }

    /** Product of dims in [from, to). */
    static int prod(int[] shape, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return Math.toIntExact(p);
    }
}
