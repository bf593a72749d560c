package dev.decoderlens.analysis;

import dev.decoderlens.engine.op.ConvSpec;
import java.util.TreeSet;

/**
 * How many kernel taps reach each output pixel, from a layer's geometry alone: the transposed convolution of an
 * all-ones input with an all-ones kernel. Along one axis, output position o receives the taps (i, t) with
 * o = s i + d t - p_begin (i an input index, t a kernel index); in 2-D the count is the product of the two axes'
 * counts. A kernel that the stride does not divide (k3 s2) gives uneven counts 1, 2, 4: the checkerboard's
 * skeleton. k4 s2 gives the same count everywhere inside the border. Resize- and sub-pixel convolutions are
 * uniform by construction.
 *
 * @param counts row-major (height, width)
 */
public record OverlapMap(int height, int width, int[] counts) {

    /** The overlap of a transposed convolution with explicit pads (as the experiment's planner gives them). */
    public static OverlapMap transposed(ConvSpec spec, int inHeight, int inWidth) {
        int[] cy = axis(inHeight, spec.kernelH(), spec.strideH(), spec.dilationH(), spec.pads().top(), spec.pads().bottom(), spec.outputPadH());
        int[] cx = axis(inWidth, spec.kernelW(), spec.strideW(), spec.dilationW(), spec.pads().left(), spec.pads().right(), spec.outputPadW());
        int[] counts = new int[cy.length * cx.length];
        for (int y = 0; y < cy.length; y++) {
            for (int x = 0; x < cx.length; x++) {
                counts[y * cx.length + x] = cy[y] * cx[x];
            }
        }
        return new OverlapMap(cy.length, cx.length, counts);
    }

    /** Every output pixel reached by the same number of taps (resize-convolution, sub-pixel convolution). */
    public static OverlapMap uniform(int height, int width, int taps) {
        int[] counts = new int[height * width];
        java.util.Arrays.fill(counts, taps);
        return new OverlapMap(height, width, counts);
    }

    /** Tap counts along one axis: o = s i + d t - pBegin for i < in, t < k, 0 <= o < out. */
    static int[] axis(int in, int k, int s, int d, int pBegin, int pEnd, int outputPad) {
        int out = s * (in - 1) + outputPad + (k - 1) * d + 1 - pBegin - pEnd;
        if (out < 1) {
            throw new IllegalArgumentException("no output pixel: " + ShapeArithmetic.transposed(in, k, s, d, pBegin, pEnd, outputPad).text());
        }
        int[] c = new int[out];
        for (int i = 0; i < in; i++) {
            for (int t = 0; t < k; t++) {
                int o = s * i + d * t - pBegin;
                if (o >= 0 && o < out) {
                    c[o]++;
                }
            }
        }
        return c;
    }

    public int count(int y, int x) {
        return counts[y * width + x];
    }

    /** The distinct counts, ascending. */
    public int[] distinctCounts() {
        return distinct(0);
    }

    /** The distinct counts at least {@code border} pixels away from every edge. */
    public int[] distinct(int border) {
        TreeSet<Integer> set = new TreeSet<>();
        for (int y = border; y < height - border; y++) {
            for (int x = border; x < width - border; x++) {
                set.add(counts[y * width + x]);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /** True when every pixel {@code border} or more away from the edges has the same count. */
    public boolean uniformInside(int border) {
        return distinct(border).length <= 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OverlapMap m && m.height == height && m.width == width && java.util.Arrays.equals(m.counts, counts);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(counts);
    }
}
