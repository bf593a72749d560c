package dev.decoderlens.engine;

/**
 * An operator that, for some inputs, is an exact nearest-neighbour upsampling by whole factors: output pixel (y, x)
 * is input pixel (y / fH, x / fW), rounded down, for every pixel. The executor then lets a convolution that reads
 * the result read the smaller input instead (see {@link UpsampledInputOp}).
 */
public interface NearestUpsampling extends Op {
    /** (fH, fW) when this operator is such an upsampling of an input of this shape (N, C, H, W), else null. */
    int[] wholeFactors(int[] inputShape);
}
