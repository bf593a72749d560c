package dev.decoderlens.engine.op;

/**
 * The logistic sigmoid in float, from IEEE additions, multiplications, fused multiply-adds, divisions and bit
 * operations only. Those are exactly rounded in Java, scalar and in the Vector API alike, so this scalar code and its
 * lane-wise twin in {@code VectorActivations} give the same bits in every JIT state and on every machine (saved
 * sessions rely on that), while running about ten times faster than {@code StrictMath.exp} in doubles: an RGB output
 * layer at 512x512 spent more time in its sigmoid than in its convolution.
 *
 * <p>e^t for t &lt;= 0 is 2^n * e^r with n = round(t / ln 2) and |r| &lt;= ln(2) / 2, e^r from the degree-7 minimax
 * polynomial of Cephes' expf (about 1 ulp; the sigmoid stays within 3 ulp of the exact value). Arguments below {@link #MIN_ARG} are clamped there, so e^t never leaves
 * the normal floats: sigmoid(x) for x &lt; -87.3 comes out as about 1.2e-38 instead of something smaller.
 */
public final class SigmoidMath {
    public static final float LOG2E = 1.44269504088896341f;
    /** ln 2 split in two so that n * LN2_HI is exact. */
    public static final float LN2_HI = 0.693359375f;
    public static final float LN2_LO = -2.12194440e-4f;
    public static final float P0 = 1.9875691500e-4f;
    public static final float P1 = 1.3981999507e-3f;
    public static final float P2 = 8.3334519073e-3f;
    public static final float P3 = 4.1665795894e-2f;
    public static final float P4 = 1.6666665459e-1f;
    public static final float P5 = 5.0000001201e-1f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer, held in the low mantissa bits. */
    public static final float ROUNDER = 12582912f;
    public static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** ln of the smallest normal float. */
    public static final float MIN_ARG = -87.33654f;

    private SigmoidMath() {
    }

    /** 1 / (1 + e^-x), via e^-|x| so that neither tail overflows. NaN gives NaN. */
    public static float sigmoid(float x) {
        float e = expNonPositive(Math.max(-Math.abs(x), MIN_ARG));
        float d = 1f + e;
        return x >= 0 ? 1f / d : e / d;
    }

    /** e^t for MIN_ARG &lt;= t &lt;= 0. */
    static float expNonPositive(float t) {
        float k = t * LOG2E + ROUNDER;
        int n = Float.floatToRawIntBits(k) - ROUNDER_BITS;
        float nf = k - ROUNDER;
        float r = Math.fma(nf, -LN2_HI, t);
        r = Math.fma(nf, -LN2_LO, r);
        float p = Math.fma(P0, r, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        float er = Math.fma(p, r * r, r) + 1f;
        return er * Float.intBitsToFloat((n + 127) << 23);
    }
}
