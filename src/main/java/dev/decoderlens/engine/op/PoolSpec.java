package dev.decoderlens.engine.op;

/**
 * Geometry of a 2-D max or average pool. {@code ceilMode} rounds the output size up (ONNX {@code ceil_mode},
 * PyTorch {@code ceil_mode=True}); a window that would start in the bottom/right padding is still dropped, as
 * PyTorch and ONNX Runtime do. {@code autoPad} other than NOTSET overrides {@code pads}.
 */
public record PoolSpec(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
                       AutoPad autoPad, Pads pads, boolean ceilMode) {

    public PoolSpec {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("pool kernel, stride and dilation must be >= 1, got kernel "
                    + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW + ", dilation " + dilationH + "x" + dilationW);
        }
        if (pads == null) {
            pads = Pads.ZERO;
        }
        if (autoPad == null) {
            autoPad = AutoPad.NOTSET;
        }
        if (pads.top() < 0 || pads.left() < 0 || pads.bottom() < 0 || pads.right() < 0) {
            throw new IllegalArgumentException("pool pads must be >= 0, got " + pads);
        }
    }

    /** A square k x k window, stride s, no padding (Keras MaxPooling2D((k, k), s) with padding="valid"). */
    public static PoolSpec of(int k, int s) {
        return new PoolSpec(k, k, s, s, 1, 1, AutoPad.NOTSET, Pads.ZERO, false);
    }

    public PoolSpec withPads(Pads p) {
        return new PoolSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, AutoPad.NOTSET, p, ceilMode);
    }

    public PoolSpec withAutoPad(AutoPad a) {
        return new PoolSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, a, pads, ceilMode);
    }

    public PoolSpec withDilation(int dh, int dw) {
        return new PoolSpec(kernelH, kernelW, strideH, strideW, dh, dw, autoPad, pads, ceilMode);
    }

    public PoolSpec withCeilMode(boolean ceil) {
        return new PoolSpec(kernelH, kernelW, strideH, strideW, dilationH, dilationW, autoPad, pads, ceil);
    }

    /** The window geometry along H for an input of height {@code in}. */
    PoolAxis axisH(int in, String op) {
        return PoolAxis.of(in, kernelH, strideH, dilationH, pads.top(), pads.bottom(), autoPad, ceilMode, op);
    }

    PoolAxis axisW(int in, String op) {
        return PoolAxis.of(in, kernelW, strideW, dilationW, pads.left(), pads.right(), autoPad, ceilMode, op);
    }
}
