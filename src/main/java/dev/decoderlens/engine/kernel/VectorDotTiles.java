package dev.decoderlens.engine.kernel;

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
     * 4 output pixel(s) x {@value #CO} output channels: out[o + p*ostep + c] = bias[co0 + c] + sum over tap, ci of
     * in[base[tap] + p*pstep + ci] * w[wo + c*coStride + tap*cinG + ci] for c < width (activation: by the caller).
     */
    static void tile4(float[] in, int[] base, int pstep, int cinG, float[] w, int wo, int coStride, float[] bias,
                      int co0, int width, float[] out, int o, int ostep) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S), a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a13 = FloatVector.zero(S), a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S), a23 = FloatVector.zero(S), a30 = FloatVector.zero(S), a31 = FloatVector.zero(S), a32 = FloatVector.zero(S), a33 = FloatVector.zero(S);
        FloatVector x0, x1, x2, x3, v0, v1, v2, v3;
        float[] sums = new float[CO];
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
        sums[0] = a00.reduceLanes(VectorOperators.ADD);
        sums[1] = a01.reduceLanes(VectorOperators.ADD);
        sums[2] = a02.reduceLanes(VectorOperators.ADD);
        sums[3] = a03.reduceLanes(VectorOperators.ADD);
        store(sums, bias, co0, width, out, o + 0 * ostep);
        sums[0] = a10.reduceLanes(VectorOperators.ADD);
        sums[1] = a11.reduceLanes(VectorOperators.ADD);
        sums[2] = a12.reduceLanes(VectorOperators.ADD);
        sums[3] = a13.reduceLanes(VectorOperators.ADD);
        store(sums, bias, co0, width, out, o + 1 * ostep);
        sums[0] = a20.reduceLanes(VectorOperators.ADD);
        sums[1] = a21.reduceLanes(VectorOperators.ADD);
        sums[2] = a22.reduceLanes(VectorOperators.ADD);
        sums[3] = a23.reduceLanes(VectorOperators.ADD);
        store(sums, bias, co0, width, out, o + 2 * ostep);
        sums[0] = a30.reduceLanes(VectorOperators.ADD);
        sums[1] = a31.reduceLanes(VectorOperators.ADD);
        sums[2] = a32.reduceLanes(VectorOperators.ADD);
        sums[3] = a33.reduceLanes(VectorOperators.ADD);
        store(sums, bias, co0, width, out, o + 3 * ostep);
    }

    /**
     * 1 output pixel(s) x {@value #CO} output channels: out[o + p*ostep + c] = bias[co0 + c] + sum over tap, ci of
     * in[base[tap] + p*pstep + ci] * w[wo + c*coStride + tap*cinG + ci] for c < width (activation: by the caller).
     */
    static void tile1(float[] in, int[] base, int pstep, int cinG, float[] w, int wo, int coStride, float[] bias,
                      int co0, int width, float[] out, int o, int ostep) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector x0, v0, v1, v2, v3;
        float[] sums = new float[CO];
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
        sums[0] = a00.reduceLanes(VectorOperators.ADD);
        sums[1] = a01.reduceLanes(VectorOperators.ADD);
        sums[2] = a02.reduceLanes(VectorOperators.ADD);
        sums[3] = a03.reduceLanes(VectorOperators.ADD);
        store(sums, bias, co0, width, out, o + 0 * ostep);
    }

    /** Reductions stay in the tile (a helper taking vectors would box them when not inlined); stores are scalar. */
    private static void store(float[] sums, float[] bias, int co0, int width, float[] out, int o) {
        for (int c = 0; c < width; c++) {
            out[o + c] = bias[co0 + c] + sums[c];
        }
    }
}
