package dev.decoderlens.engine.op;

import dev.decoderlens.engine.Shapes;

/**
 * Numpy broadcasting over logical shapes, shared by every operator that combines tensors of different shapes
 * (Binary, PRelu, Gemm's C, MatMul's batch dims). Shapes are aligned on the right; a dim of 1 stretches.
 */
final class Broadcast {
    private Broadcast() {
    }

    /** A function of two floats; {@link Binary.Fn} implements it. */
    @FunctionalInterface
    interface FloatOp {
        float apply(float a, float b);
    }

    /** The broadcast shape of a and b, or a message naming the operator and both shapes. */
    static int[] shape(int[] a, int[] b, String op) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = dimFromRight(a, r - 1 - i);
            int db = dimFromRight(b, r - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + " cannot broadcast shape " + Shapes.toString(a)
                        + " with " + Shapes.toString(b));
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Refuses {@code shape} unless it broadcasts to exactly {@code target} (ONNX unidirectional broadcasting). */
    static void checkUnidirectional(int[] shape, int[] target, String op, String what) {
        boolean ok = shape.length <= target.length;
        for (int i = 0; ok && i < shape.length; i++) {
            int d = shape[shape.length - 1 - i];
            ok = d == 1 || d == target[target.length - 1 - i];
        }
        if (!ok) {
            throw new IllegalArgumentException(op + " cannot broadcast " + what + " of shape " + Shapes.toString(shape)
                    + " to " + Shapes.toString(target));
        }
    }

    /** Row-major strides of {@code shape} seen through {@code out}: 0 on stretched or missing dims. */
    static int[] strides(int[] shape, int[] out) {
        int[] s = new int[out.length];
        int stride = 1;
        for (int i = 1; i <= shape.length; i++) {
            int d = shape[shape.length - i];
            s[out.length - i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return s;
    }

    /**
     * dst[i] = f(a[i'], b[i'']) over the row-major broadcast shape {@code out}, a and b row-major in their own
     * shapes. The innermost dim runs as a plain strided loop; the outer ones as an odometer.
     */
    static void zip(float[] a, int[] shapeA, float[] b, int[] shapeB, int[] out, float[] dst, FloatOp f) {
        int r = out.length;
        if (dst.length == 0) {
            return;
        }
        if (r == 0) {
            dst[0] = f.apply(a[0], b[0]);
            return;
        }
        int[] sa = strides(shapeA, out);
        int[] sb = strides(shapeB, out);
        int inner = out[r - 1], ia = sa[r - 1], ib = sb[r - 1];
        int[] idx = new int[r];
        int offA = 0, offB = 0;
        for (int o = 0; o < dst.length; o += inner) {
            for (int j = 0, pa = offA, pb = offB; j < inner; j++, pa += ia, pb += ib) {
                dst[o + j] = f.apply(a[pa], b[pb]);
            }
            for (int d = r - 2; d >= 0; d--) {
                offA += sa[d];
                offB += sb[d];
                if (++idx[d] < out[d]) {
                    break;
                }
                offA -= sa[d] * out[d];
                offB -= sb[d] * out[d];
                idx[d] = 0;
            }
        }
    }

    /** The values of a row-major tensor of {@code shape} expanded to {@code out} (row-major). */
    static float[] expand(float[] v, int[] shape, int[] out) {
        float[] dst = new float[Math.toIntExact(Shapes.size(out))];
        zip(v, shape, new float[] {0f}, new int[0], out, dst, (x, unused) -> x);
        return dst;
    }

    /**
     * True when {@code small} broadcast against the rank-4 {@code big} varies only along the channel axis:
     * (C, 1, 1), (1, C, 1, 1), a scalar or all ones. (A rank-1 (C) aligns with W,
     * as in numpy, so it is not per-channel.) Such an operand can be applied to NHWC
     * storage directly, value {@code small[c]} (or {@code small[0]}) for channel c.
     */
    static boolean isPerChannel(int[] small, int[] big) {
        if (big.length != 4 || small.length > 4) {
            return false;
        }
        for (int i = 0; i < small.length; i++) {
            int axis = 4 - small.length + i;
            int d = small[i];
            if (d != 1 && !(axis == 1 && d == big[1])) {
                return false;
            }
        }
        return true;
    }

    private static int dimFromRight(int[] s, int fromRight) {
        int i = s.length - 1 - fromRight;
        return i >= 0 ? s[i] : 1;
    }
}
