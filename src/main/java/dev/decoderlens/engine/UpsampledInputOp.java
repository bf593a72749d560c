package dev.decoderlens.engine;

/**
 * An operator that can take, in place of its first input, the smaller tensor that a {@link NearestUpsampling}
 * would have enlarged, and give the same result (to rounding) with less work: a convolution on a nearest-upsampled
 * image is one small convolution per output phase, with the kernel taps that land on the same input pixel summed.
 */
public interface UpsampledInputOp extends Op {
    /** Whether this operator can take an input upsampled by (fH, fW) in its smaller form. */
    boolean acceptsUpsampled(int fH, int fW);

    /** {@link #apply} for {@code inputs[0]} upsampled by (fH, fW); {@code inputs[0]} is given before upsampling. */
    Tensor[] applyUpsampled(Tensor[] inputs, int fH, int fW, ExecContext ctx);
}
