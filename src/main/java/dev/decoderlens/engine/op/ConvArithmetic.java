package dev.decoderlens.engine.op;

/**
 * The shape arithmetic of convolution and transposed convolution along one axis, following the ONNX operator
 * definitions (Conv and ConvTranspose, opset 11+), which also cover Keras/TF {@code same} (= SAME_UPPER) and
 * PyTorch's explicit padding.
 */
public final class ConvArithmetic {
    private ConvArithmetic() {
    }

    /** Padding before and after one axis and the output size it leads to. Pads may be negative for ConvTranspose. */
    public record Axis(int padStart, int padEnd, int out) {
    }

    /**
     * Conv: explicit pads, or for SAME_* pads so that out = ceil(in / stride), total = max(0, (out - 1) * stride +
     * effectiveKernel - in), the odd pixel at the end for SAME_UPPER and at the start for SAME_LOWER.
     */
    public static Axis conv(int in, int kernel, int stride, int dilation, AutoPad autoPad, int padStart, int padEnd) {
        int effK = (kernel - 1) * dilation + 1;
        return switch (autoPad) {
            case VALID -> new Axis(0, 0, checked(Math.floorDiv(in - effK, stride) + 1, in, effK));
            case SAME_UPPER, SAME_LOWER -> {
                int out = (in + stride - 1) / stride;
                int total = Math.max(0, (out - 1) * stride + effK - in);
                int small = total / 2, large = total - small;
                yield autoPad == AutoPad.SAME_UPPER ? new Axis(small, large, out) : new Axis(large, small, out);
            }
            case NOTSET -> new Axis(padStart, padEnd,
                    checked(Math.floorDiv(in + padStart + padEnd - effK, stride) + 1, in + padStart + padEnd, effK));
        };
    }

    private static int checked(int out, int paddedIn, int effK) {
        if (out < 1) {
            throw new IllegalArgumentException("the kernel (extent " + effK + ") is larger than the padded input ("
                    + paddedIn + ")");
        }
        return out;
    }

    /**
     * ConvTranspose (ONNX): out = stride * (in - 1) + outputPadding + effectiveKernel - padStart - padEnd. When an
     * output size is given (or implied by SAME_*: out = in * stride), total = stride * (in - 1) + outputPadding +
     * effectiveKernel - out is split with total/2 at the start for SAME_UPPER and total/2 at the end otherwise.
     *
     * @param outputSize the requested output size, or -1
     */
    public static Axis transpose(int in, int kernel, int stride, int dilation, int outputPadding, AutoPad autoPad,
                                 int padStart, int padEnd, int outputSize) {
        int effK = (kernel - 1) * dilation + 1;
        int full = stride * (in - 1) + outputPadding + effK;
        int out;
        if (outputSize >= 0) {
            out = outputSize;
        } else if (autoPad == AutoPad.SAME_UPPER || autoPad == AutoPad.SAME_LOWER) {
            out = in * stride;
        } else {
            int ps = autoPad == AutoPad.VALID ? 0 : padStart, pe = autoPad == AutoPad.VALID ? 0 : padEnd;
            out = full - ps - pe;
            if (out < 1) {
                throw new IllegalArgumentException("the padding (" + ps + " + " + pe + ") removes the whole output ("
                        + full + ")");
            }
            return new Axis(ps, pe, out);
        }
        if (out < 1) {
            throw new IllegalArgumentException("output size " + out + " is not positive");
        }
        int total = full - out;
        // C-style division, as the ONNX text and ONNX Runtime compute it
        int half = total / 2;
        return autoPad == AutoPad.SAME_UPPER ? new Axis(half, total - half, out) : new Axis(total - half, half, out);
    }
}
