package dev.decoderlens.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The implicit-GEMM micro-kernels: a tile of output pixels x two vectors of output channels, accumulated in
 * registers over every (tap, input channel) and stored once. The input is read straight from the padded NHWC
 * buffer (no im2col copy); the weights from {@link FilterTaps#blocked} panels of {@link #NB} channels.
 *
 * <p>Accumulators start from loaded bias vectors, never from a static constant (that stops C2 from keeping them in
 * registers); eight pixels x two vectors = 16 accumulators and eight input pointers is the largest tile that
 * measured well here (see docs/PERFORMANCE.md).
 */
final class VectorTiles {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int VL = S.length();
    /** Output channels per panel: two vectors. */
    static final int NB = 2 * VL;
    /** Output pixels per big tile. */
    static final int PIXELS = 8;

    private VectorTiles() {
    }

    /**
     * {@value #PIXELS} output pixels: out[o + p*ostep + j] = bias[co0 + j] + sum over tap, ci of
     * in[base[tap] + p*pstep + ci] * w[wo + (tap*cinG + ci)*NB + j], for j &lt; NB, with ReLU when asked.
     */
    static void tile8(float[] in, int[] base, int pstep, int cinG, float[] w, int wo, float[] bias, int co0,
                      float[] out, int o, int ostep, boolean relu) {
        FloatVector b0 = FloatVector.fromArray(S, bias, co0);
        FloatVector b1 = FloatVector.fromArray(S, bias, co0 + VL);
        FloatVector c00 = b0, c01 = b1, c10 = b0, c11 = b1, c20 = b0, c21 = b1, c30 = b0, c31 = b1, c40 = b0, c41 = b1, c50 = b0, c51 = b1, c60 = b0, c61 = b1, c70 = b0, c71 = b1;
        for (int tap = 0; tap < base.length; tap++, wo += cinG * NB) {
            int i0 = base[tap];
            for (int ci = 0; ci < cinG; ci++) {
                FloatVector w0 = FloatVector.fromArray(S, w, wo + ci * NB);
                FloatVector w1 = FloatVector.fromArray(S, w, wo + ci * NB + VL);
                FloatVector x;
                x = FloatVector.broadcast(S, in[i0 + ci + 0 * pstep]);
                c00 = x.fma(w0, c00);
                c01 = x.fma(w1, c01);
                x = FloatVector.broadcast(S, in[i0 + ci + 1 * pstep]);
                c10 = x.fma(w0, c10);
                c11 = x.fma(w1, c11);
                x = FloatVector.broadcast(S, in[i0 + ci + 2 * pstep]);
                c20 = x.fma(w0, c20);
                c21 = x.fma(w1, c21);
                x = FloatVector.broadcast(S, in[i0 + ci + 3 * pstep]);
                c30 = x.fma(w0, c30);
                c31 = x.fma(w1, c31);
                x = FloatVector.broadcast(S, in[i0 + ci + 4 * pstep]);
                c40 = x.fma(w0, c40);
                c41 = x.fma(w1, c41);
                x = FloatVector.broadcast(S, in[i0 + ci + 5 * pstep]);
                c50 = x.fma(w0, c50);
                c51 = x.fma(w1, c51);
                x = FloatVector.broadcast(S, in[i0 + ci + 6 * pstep]);
                c60 = x.fma(w0, c60);
                c61 = x.fma(w1, c61);
                x = FloatVector.broadcast(S, in[i0 + ci + 7 * pstep]);
                c70 = x.fma(w0, c70);
                c71 = x.fma(w1, c71);
            }
        }
        if (relu) {
            FloatVector z = FloatVector.zero(S);
            c00 = c00.max(z);
            c01 = c01.max(z);
            c10 = c10.max(z);
            c11 = c11.max(z);
            c20 = c20.max(z);
            c21 = c21.max(z);
            c30 = c30.max(z);
            c31 = c31.max(z);
            c40 = c40.max(z);
            c41 = c41.max(z);
            c50 = c50.max(z);
            c51 = c51.max(z);
            c60 = c60.max(z);
            c61 = c61.max(z);
            c70 = c70.max(z);
            c71 = c71.max(z);
        }
        c00.intoArray(out, o + 0 * ostep);
        c01.intoArray(out, o + 0 * ostep + VL);
        c10.intoArray(out, o + 1 * ostep);
        c11.intoArray(out, o + 1 * ostep + VL);
        c20.intoArray(out, o + 2 * ostep);
        c21.intoArray(out, o + 2 * ostep + VL);
        c30.intoArray(out, o + 3 * ostep);
        c31.intoArray(out, o + 3 * ostep + VL);
        c40.intoArray(out, o + 4 * ostep);
        c41.intoArray(out, o + 4 * ostep + VL);
        c50.intoArray(out, o + 5 * ostep);
        c51.intoArray(out, o + 5 * ostep + VL);
        c60.intoArray(out, o + 6 * ostep);
        c61.intoArray(out, o + 6 * ostep + VL);
        c70.intoArray(out, o + 7 * ostep);
        c71.intoArray(out, o + 7 * ostep + VL);
    }

    /** One output pixel, for the columns left over after the big tiles. Same contract as {@link #tile8}. */
    static void tile1(float[] in, int[] base, int cinG, float[] w, int wo, float[] bias, int co0,
                      float[] out, int o, boolean relu) {
        FloatVector c0 = FloatVector.fromArray(S, bias, co0);
        FloatVector c1 = FloatVector.fromArray(S, bias, co0 + VL);
        for (int tap = 0; tap < base.length; tap++) {
            int i0 = base[tap];
            for (int ci = 0; ci < cinG; ci++, wo += NB) {
                FloatVector x = FloatVector.broadcast(S, in[i0 + ci]);
                c0 = x.fma(FloatVector.fromArray(S, w, wo), c0);
                c1 = x.fma(FloatVector.fromArray(S, w, wo + VL), c1);
            }
        }
        if (relu) {
            FloatVector z = FloatVector.zero(S);
            c0 = c0.max(z);
            c1 = c1.max(z);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + VL);
    }
}
