package dev.decoderlens.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

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
    /** Where the lane sums go in a tile's scratch array ({@link #scratch}), after the accumulators. */
    private static final int SUMS = 24 * VL;

    private VectorDotTiles() {
    }

    /** Scratch for one thread's tiles: up to 24 accumulators stored one after another, then their lane sums. */
    static float[] scratch() {
        return new float[SUMS + 24];
    }

    /**
     * 4 output pixel(s) x {@value #CO} output channels: out[o + p*ostep + c] = bias[co0 + c] + sum over tap, ci of
     * in[base[tap] + p*pstep + ci] * w[wo + c*coStride + tap*cinG + ci] for c < width (activation: by the caller).
     */
    static void tile4(float[] in, int[] base, int pstep, int cinG, float[] w, int wo, int coStride, float[] bias,
                      int co0, int width, float[] out, int o, int ostep, float[] acc) {
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
        a00.intoArray(acc, 0 * VL);
        a01.intoArray(acc, 1 * VL);
        a02.intoArray(acc, 2 * VL);
        a03.intoArray(acc, 3 * VL);
        a10.intoArray(acc, 4 * VL);
        a11.intoArray(acc, 5 * VL);
        a12.intoArray(acc, 6 * VL);
        a13.intoArray(acc, 7 * VL);
        a20.intoArray(acc, 8 * VL);
        a21.intoArray(acc, 9 * VL);
        a22.intoArray(acc, 10 * VL);
        a23.intoArray(acc, 11 * VL);
        a30.intoArray(acc, 12 * VL);
        a31.intoArray(acc, 13 * VL);
        a32.intoArray(acc, 14 * VL);
        a33.intoArray(acc, 15 * VL);
        LaneSums.of(acc, 0, 16, acc, SUMS);
        for (int p = 0; p < 4; p++) {
            for (int c = 0; c < width; c++) {
                out[o + p * ostep + c] = bias[co0 + c] + acc[SUMS + p * CO + c];
            }
        }
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
        float[] lanes = new float[VL];
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
        a00.intoArray(lanes, 0);
        sums[0] = sumLanes(lanes);
        a01.intoArray(lanes, 0);
        sums[1] = sumLanes(lanes);
        a02.intoArray(lanes, 0);
        sums[2] = sumLanes(lanes);
        a03.intoArray(lanes, 0);
        sums[3] = sumLanes(lanes);
        store(sums, bias, co0, width, out, o + 0 * ostep);
    }

    /**
     * 8 output pixels x exactly 3 output channels (an RGB output layer): 24 accumulators, and per step 8 input
     * loads and 3 weight loads feed 24 useful FMAs. Same contract as {@link #tile4} with width 3, for cinG a multiple of the vector length
     * (no masked tail: a bigger method makes C2 give up on the vector intrinsics).
     */
    static void tile8rgb(float[] in, int[] base, int pstep, int cinG, float[] w, int wo, int coStride, float[] bias,
                         int co0, float[] out, int o, int ostep, float[] acc) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S), a02 = FloatVector.zero(S), a10 = FloatVector.zero(S), a11 = FloatVector.zero(S), a12 = FloatVector.zero(S), a20 = FloatVector.zero(S), a21 = FloatVector.zero(S), a22 = FloatVector.zero(S), a30 = FloatVector.zero(S), a31 = FloatVector.zero(S), a32 = FloatVector.zero(S), a40 = FloatVector.zero(S), a41 = FloatVector.zero(S), a42 = FloatVector.zero(S), a50 = FloatVector.zero(S), a51 = FloatVector.zero(S), a52 = FloatVector.zero(S), a60 = FloatVector.zero(S), a61 = FloatVector.zero(S), a62 = FloatVector.zero(S), a70 = FloatVector.zero(S), a71 = FloatVector.zero(S), a72 = FloatVector.zero(S);
        for (int tap = 0; tap < base.length; tap++) {
            int i0 = base[tap];
            int k = wo + tap * cinG;
            for (int ci = 0; ci < cinG; ci += VL) {
                FloatVector v0 = FloatVector.fromArray(S, w, k + 0 * coStride + ci);
                FloatVector v1 = FloatVector.fromArray(S, w, k + 1 * coStride + ci);
                FloatVector v2 = FloatVector.fromArray(S, w, k + 2 * coStride + ci);
                FloatVector x;
                x = FloatVector.fromArray(S, in, i0 + 0 * pstep + ci);
                a00 = x.fma(v0, a00);
                a01 = x.fma(v1, a01);
                a02 = x.fma(v2, a02);
                x = FloatVector.fromArray(S, in, i0 + 1 * pstep + ci);
                a10 = x.fma(v0, a10);
                a11 = x.fma(v1, a11);
                a12 = x.fma(v2, a12);
                x = FloatVector.fromArray(S, in, i0 + 2 * pstep + ci);
                a20 = x.fma(v0, a20);
                a21 = x.fma(v1, a21);
                a22 = x.fma(v2, a22);
                x = FloatVector.fromArray(S, in, i0 + 3 * pstep + ci);
                a30 = x.fma(v0, a30);
                a31 = x.fma(v1, a31);
                a32 = x.fma(v2, a32);
                x = FloatVector.fromArray(S, in, i0 + 4 * pstep + ci);
                a40 = x.fma(v0, a40);
                a41 = x.fma(v1, a41);
                a42 = x.fma(v2, a42);
                x = FloatVector.fromArray(S, in, i0 + 5 * pstep + ci);
                a50 = x.fma(v0, a50);
                a51 = x.fma(v1, a51);
                a52 = x.fma(v2, a52);
                x = FloatVector.fromArray(S, in, i0 + 6 * pstep + ci);
                a60 = x.fma(v0, a60);
                a61 = x.fma(v1, a61);
                a62 = x.fma(v2, a62);
                x = FloatVector.fromArray(S, in, i0 + 7 * pstep + ci);
                a70 = x.fma(v0, a70);
                a71 = x.fma(v1, a71);
                a72 = x.fma(v2, a72);
            }
        }
        a00.intoArray(acc, 0 * VL);
        a01.intoArray(acc, 1 * VL);
        a02.intoArray(acc, 2 * VL);
        a10.intoArray(acc, 3 * VL);
        a11.intoArray(acc, 4 * VL);
        a12.intoArray(acc, 5 * VL);
        a20.intoArray(acc, 6 * VL);
        a21.intoArray(acc, 7 * VL);
        a22.intoArray(acc, 8 * VL);
        a30.intoArray(acc, 9 * VL);
        a31.intoArray(acc, 10 * VL);
        a32.intoArray(acc, 11 * VL);
        a40.intoArray(acc, 12 * VL);
        a41.intoArray(acc, 13 * VL);
        a42.intoArray(acc, 14 * VL);
        a50.intoArray(acc, 15 * VL);
        a51.intoArray(acc, 16 * VL);
        a52.intoArray(acc, 17 * VL);
        a60.intoArray(acc, 18 * VL);
        a61.intoArray(acc, 19 * VL);
        a62.intoArray(acc, 20 * VL);
        a70.intoArray(acc, 21 * VL);
        a71.intoArray(acc, 22 * VL);
        a72.intoArray(acc, 23 * VL);
        LaneSums.of(acc, 0, 24, acc, SUMS);
        for (int k = 0; k < 24; k++) {
            out[o + (k / 3) * ostep + k % 3] = bias[co0 + k % 3] + acc[SUMS + k];
        }
    }

    /** Reductions stay in the tile (a helper taking vectors would box them when not inlined); stores are scalar. */
    /**
     * The lanes' sum, always in the same order. {@code reduceLanes(ADD)} leaves the order of a float sum unspecified,
     * and it differs before and after the JIT intrinsifies it: the first run in a JVM gave other last bits than the
     * next, so a saved session did not reproduce its outputs bit for bit.
     */
    private static float sumLanes(float[] lanes) {
        float s = 0;
        for (float v : lanes) {
            s += v;
        }
        return s;
    }

    private static void store(float[] sums, float[] bias, int co0, int width, float[] out, int o) {
        for (int c = 0; c < width; c++) {
            out[o + c] = bias[co0 + c] + sums[c];
        }
    }
}
