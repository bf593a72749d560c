package dev.decoderlens.analysis;

/**
 * Output sizes from the formulas of convolution arithmetic (Dumoulin and Visin, "A guide to convolution
 * arithmetic for deep learning"), each with its numbers filled in for the layer list:
 *
 * <pre>
 *   convolution            o = floor((i + p1 + p2 - k - (k-1)(d-1)) / s) + 1
 *   transposed convolution o = s(i-1) + a + k + (k-1)(d-1) - p1 - p2      (= s(i-1) + a + k - 2p when p1 = p2 = p, d = 1)
 *   resize / depth-to-space o = i * r
 * </pre>
 *
 * Keras {@code same} padding: a convolution gives ceil(i / s), padding max((o-1)s + k_eff - i, 0) in total with the odd pixel at the
 * bottom/right; a transposed convolution gives s * i and crops max(k_eff - s, 0) pixels, the odd one at the end.
 */
public final class ShapeArithmetic {
    private ShapeArithmetic() {
    }

    /** One output size with the formula that gave it. */
    public record Step(int out, String text) {
    }

    /** The (begin, end) padding Keras/TF {@code same} uses for a convolution: odd pixel at the end. */
    public static int[] samePads(int i, int k, int s, int d) {
        int keff = (k - 1) * d + 1;
        int out = Math.ceilDiv(i, s);
        int total = Math.max((out - 1) * s + keff - i, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /** The (begin, end) crop of a Keras {@code same} transposed convolution: output s * i, odd pixel at the end. */
    public static int[] sameTransposedPads(int k, int s, int d) {
        int total = Math.max((k - 1) * d + 1 - s, 0);
        return new int[] {total / 2, total - total / 2};
    }

    public static Step conv(int i, int k, int s, int d, int p1, int p2) {
        int keff = (k - 1) * d + 1;
        int o = Math.floorDiv(i + p1 + p2 - keff, s) + 1;
        String pads = p1 == p2 ? "2p" : "p1 + p2";
        String padNums = p1 == p2 ? "2·" + p1 : p1 + " + " + p2;
        String text = "o = floor((i + " + pads + " - k - (k-1)(d-1)) / s) + 1 = floor((" + i + " + " + padNums + " - " + k
                + " - " + (k - 1) * (d - 1) + ") / " + s + ") + 1 = " + o;
        return new Step(o, text);
    }

    public static Step transposed(int i, int k, int s, int d, int p1, int p2, int a) {
        int o = s * (i - 1) + a + (k - 1) * d + 1 - p1 - p2;
        String text;
        if (d == 1 && p1 == p2) {
            text = "o = s(i-1) + a + k - 2p = " + s + "(" + i + "-1) + " + a + " + " + k + " - " + 2 * p1 + " = " + o;
        } else {
            text = "o = s(i-1) + a + k + (k-1)(d-1) - p1 - p2 = " + s + "(" + i + "-1) + " + a + " + " + k + " + "
                    + (k - 1) * (d - 1) + " - " + p1 + " - " + p2 + " = " + o;
        }
        return new Step(o, text);
    }

    /** A pool of size k and stride s with Keras {@code same} padding: o = ceil(i / s). */
    public static Step poolSame(int i, int k, int s) {
        int o = Math.ceilDiv(i, s);
        return new Step(o, "o = ceil(i / s) = ceil(" + i + " / " + s + ") = " + o + " (pool " + k + "x" + k + ", same)");
    }

    /** Resize or depth-to-space by an integer factor r. */
    public static Step scale(int i, int r) {
        return new Step(i * r, "o = i·r = " + i + "·" + r + " = " + i * r);
    }

    /**
     * The sizes a transposed convolution could produce from the same input: the matching convolution maps every
     * size from o to o + s - 1 back to i, so the output size is ambiguous and {@code output_padding} picks one.
     */
    public static boolean ambiguous(int s) {
        return s > 1;
    }
}
