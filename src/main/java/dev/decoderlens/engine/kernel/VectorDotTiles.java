package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.op.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

import static dev.decoderlens.engine.kernel.VectorTiles.S;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;

/**
 * Micro-kernels for layers with very few output channels (an RGB output layer: 64 -> 3, 256 -> 3), where a panel of
 * {@link VectorTiles#NB} output channels would be mostly padding. These vectorise over input channels instead: a
 * tile of pixels x {@value #CO} output channels of dot products, reduced across lanes at the end. Weights come from
 * {@link FilterTaps#channelMajor} with output channels padded to {@value #CO}.
 */
final class VectorDotTiles {
    /** Output channels per dot tile. */
    static final int CO = 4;

    private VectorDotTiles() {
    }

    /**
     * 4 output pixel(s) x {@value #CO} output channels: out[o + p*ostep + c] = act(bias[co0 + c] + sum over tap, ci of
     * in[base[tap] + p*pstep + ci] * w[wo + c*coStride + tap*cinG + ci]) for c < width.
     */
    static void tile4(float[] in, int[] base, int pstep, int cinG, float[] w, int wo, int coStride, float[] bias,
                      int co0, int width, float[] out, int o, int ostep, Activation act) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S), a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S), a23 = FloatVector.zero(S), a30 = FloatVector.zero(S), a31 = FloatVector.zero(S), a32 = FloatVector.zero(S), a33 = FloatVector.zero(S);
        FloatVector x0, x1, x2, x3, v0, v1, v2, v3;
        for (int tap = 0; tap < base.length; tap++) {
            int i0 = base[tap];
            int i1 = i0 + 1 * pstep;
            int i2 = i0 + 2 * pstep;
            int i3 = i0 + 3 * pstep;
            int k = wo + tap * cinG;
            int ci = 0;
            for (; ci <= cinG - VL; ci += VL) {
                x0 = FloatVector.fromArray(S, in, i0 + ci);
                x1 = FloatVector.fromArray(S, in, i1 + ci);
                x2 = FloatVector.fromArray(S, in, i2 + ci);
                x3 = FloatVector.fromArray(S, in, i3 + ci);
                v0 = FloatVector.fromArray(S, w, k + 0 * coStride + ci);
                v1 = FloatVector.fromArray(S, w, k + 1 * coStride + ci);
                v2 = FloatVector.fromArray(S, w, k + 2 * coStride + ci);
                v3 = FloatVector.fromArray(S, w, k + 3 * coStride + ci);
                a00 = x0.fma(v0, a00);
                a01 = x0.fma(v1, a01);
                a02 = x0.fma(v2, a02);
                a03 = x0.fma(v3, a03);
                a10 = x1.fma(v0, a10);
                a11 = x1.fma(v1, a11);
                a12 = x1.fma(v2, a12);
                a13 = x1.fma(v3, a13);
                a20 = x2.fma(v0, a20);
                a21 = x2.fma(v1, a21);
                a22 = x2.fma(v2, a22);
                a23 = x2.fma(v3, a23);
                a30 = x3.fma(v0, a30);
                a31 = x3.fma(v1, a31);
                a32 = x3.fma(v2, a32);
                a33 = x3.fma(v3, a33);
            }
            if (ci < cinG) {
                VectorMask<Float> m = S.indexInRange(ci, cinG);
                x0 = FloatVector.fromArray(S, in, i0 + ci, m);
                x1 = FloatVector.fromArray(S, in, i1 + ci, m);
                x2 = FloatVector.fromArray(S, in, i2 + ci, m);
                x3 = FloatVector.fromArray(S, in, i3 + ci, m);
                v0 = FloatVector.fromArray(S, w, k + 0 * coStride + ci, m);
                v1 = FloatVector.fromArray(S, w, k + 1 * coStride + ci, m);
                v2 = FloatVector.fromArray(S, w, k + 2 * coStride + ci, m);
                v3 = FloatVector.fromArray(S, w, k + 3 * coStride + ci, m);
                a00 = x0.fma(v0, a00);
                a01 = x0.fma(v1, a01);
                a02 = x0.fma(v2, a02);
                a03 = x0.fma(v3, a03);
                a10 = x1.fma(v0, a10);
                a11 = x1.fma(v1, a11);
                a12 = x1.fma(v2, a12);
                a13 = x1.fma(v3, a13);
                a20 = x2.fma(v0, a20);
                a21 = x2.fma(v1, a21);
                a22 = x2.fma(v2, a22);
                a23 = x2.fma(v3, a23);
                a30 = x3.fma(v0, a30);
                a31 = x3.fma(v1, a31);
                a32 = x3.fma(v2, a32);
                a33 = x3.fma(v3, a33);
            }
        }
        finish(a00, a01, a02, a03, bias, co0, width, out, o + 0 * ostep, act);
        finish(a10, a11, a12, a13, bias, co0, width, out, o + 1 * ostep, act);
        finish(a20, a21, a22, a23, bias, co0, width, out, o + 2 * ostep, act);
        finish(a30, a31, a32, a33, bias, co0, width, out, o + 3 * ostep, act);
    }

    /**
     * 1 output pixel(s) x {@value #CO} output channels: out[o + p*ostep + c] = act(bias[co0 + c] + sum over tap, ci of
     * in[base[tap] + p*pstep + ci] * w[wo + c*coStride + tap*cinG + ci]) for c < width.
     */
    static void tile1(float[] in, int[] base, int pstep, int cinG, float[] w, int wo, int coStride, float[] bias,
                      int co0, int width, float[] out, int o, int ostep, Activation act) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector x0, v0, v1, v2, v3;
        for (int tap = 0; tap < base.length; tap++) {
            int i0 = base[tap];
            int k = wo + tap * cinG;
            int ci = 0;
            for (; ci <= cinG - VL; ci += VL) {
                x0 = FloatVector.fromArray(S, in, i0 + ci);
                v0 = FloatVector.fromArray(S, w, k + 0 * coStride + ci);
                v1 = FloatVector.fromArray(S, w, k + 1 * coStride + ci);
                v2 = FloatVector.fromArray(S, w, k + 2 * coStride + ci);
                v3 = FloatVector.fromArray(S, w, k + 3 * coStride + ci);
                a00 = x0.fma(v0, a00);
                a01 = x0.fma(v1, a01);
                a02 = x0.fma(v2, a02);
                a03 = x0.fma(v3, a03);
            }
            if (ci < cinG) {
                VectorMask<Float> m = S.indexInRange(ci, cinG);
                x0 = FloatVector.fromArray(S, in, i0 + ci, m);
                v0 = FloatVector.fromArray(S, w, k + 0 * coStride + ci, m);
                v1 = FloatVector.fromArray(S, w, k + 1 * coStride + ci, m);
                v2 = FloatVector.fromArray(S, w, k + 2 * coStride + ci, m);
                v3 = FloatVector.fromArray(S, w, k + 3 * coStride + ci, m);
                a00 = x0.fma(v0, a00);
                a01 = x0.fma(v1, a01);
                a02 = x0.fma(v2, a02);
                a03 = x0.fma(v3, a03);
            }
        }
        finish(a00, a01, a02, a03, bias, co0, width, out, o + 0 * ostep, act);
    }

    private static void finish(FloatVector a0, FloatVector a1, FloatVector a2, FloatVector a3, float[] bias, int co0,
                               int width, float[] out, int o, Activation act) {
        float[] s = {a0.reduceLanes(VectorOperators.ADD), a1.reduceLanes(VectorOperators.ADD),
                a2.reduceLanes(VectorOperators.ADD), a3.reduceLanes(VectorOperators.ADD)};
        for (int c = 0; c < width; c++) {
            out[o + c] = act.apply(bias[co0 + c] + s[c]);
        }
    }
}
