package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Tensor;

/** Integer views of tensors: the engine keeps every value as float32, ONNX shape arithmetic is int64. */
final class Ints {
    private Ints() {
    }

    /** The values of {@code t} in logical order as ints; values beyond the int range saturate (INT64_MAX ends). */
    static int[] of(Tensor t) {
        float[] v = t.toRowMajor().data();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = saturate((long) v[i]);
        }
        return out;
    }

    static int saturate(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** A rank-1 tensor holding these integers. */
    static Tensor vector(int... values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = values[i];
        }
        return Tensor.of(new int[] {values.length}, f);
    }

    /** Normalises a possibly negative axis against a rank. */
    static int axis(int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }
}
