package dev.decoderlens.engine.op;

/**
 * Geometry of a 2-D convolution or transposed convolution. {@code outputPad*} and {@code outputShape} only matter
 * for transposed convolutions; {@code outputShape} is null unless the model fixes it (ONNX {@code output_shape}).
 */
public record ConvSpec(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW, int groups,
                       AutoPad autoPad, Pads pads, int outputPadH, int outputPadW, int[] outputShape) {

    public ConvSpec {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || groups < 1) {
            throw new IllegalArgumentException("kernel, stride, dilation and groups must be >= 1");
        }
        if (pads == null) {
            pads = Pads.ZERO;
        }
        if (autoPad == null) {
            autoPad = AutoPad.NOTSET;
        }
    }

    /** A square kernel, stride s, no padding, one group. */
    public static ConvSpec of(int k, int s) {
        return new ConvSpec(k, k, s, s, 1, 1, 1, AutoPad.NOTSET, Pads.ZERO, 0, 0, null);
    }

    public ConvSpec withPads(Pads p) {
        return new ConvSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, groups, AutoPad.NOTSET, p, outputPadH, outputPadW, outputShape);
    }

    public ConvSpec withAutoPad(AutoPad a) {
        return new ConvSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, groups, a, pads, outputPadH, outputPadW, outputShape);
    }

    public ConvSpec withDilation(int dh, int dw) {
        return new ConvSpec(kernelH, kernelW, strideH, strideW, dh, dw, groups, autoPad, pads, outputPadH, outputPadW, outputShape);
    }

    public ConvSpec withGroups(int g) {
        return new ConvSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, g, autoPad, pads, outputPadH, outputPadW, outputShape);
    }

    public ConvSpec withOutputPadding(int h, int w) {
        return new ConvSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, groups, autoPad, pads, h, w, outputShape);
    }

    public ConvSpec withOutputShape(int[] hw) {
        return new ConvSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, groups, autoPad, pads, outputPadH, outputPadW, hw);
    }

    /** The extent of the dilated kernel along H: (k - 1) d + 1. */
    public int effectiveKernelH() {
        return (kernelH - 1) * dilationH + 1;
    }

    public int effectiveKernelW() {
        return (kernelW - 1) * dilationW + 1;
    }
}
