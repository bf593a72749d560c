package dev.decoderlens.engine.op;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * y = x * mul[c] + add[c] over the channel axis (axis 1) of a rank >= 2 tensor: what inference BatchNorm reduces
 * to. Rank-4 inputs come out NHWC (a spatial op), other ranks row-major.
 */
final class ChannelAffine {
    private ChannelAffine() {
    }

    static Tensor apply(Tensor x, float[] mul, float[] add, String op) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException(op + " expects a rank >= 2 input (N, C, ...), got shape "
                    + Shapes.toString(x.shape()));
        }
        int channels = x.dim(1);
        if (channels != mul.length) {
            throw new IllegalArgumentException(op + " expects " + mul.length + " channels, got " + channels);
        }
        if (x.rank() == 4) {
            Tensor in = x.toNhwc();
            float[] src = in.data();
            float[] dst = new float[src.length];
            // (N*H*W, C): channels innermost
            for (int p = 0; p < src.length; p += channels) {
                for (int c = 0; c < channels; c++) {
                    dst[p + c] = src[p + c] * mul[c] + add[c];
                }
            }
            return new Tensor(x.shape(), dst, Layout.NHWC);
        }
        float[] src = x.toRowMajor().data();
        float[] dst = new float[src.length];
        int inner = OpInputs.prod(x.shape(), 2, x.rank());
        // (N, C, inner)
        for (int base = 0, c = 0; base < src.length; base += inner, c = (c + 1) % channels) {
            for (int i = base; i < base + inner; i++) {
                dst[i] = src[i] * mul[c] + add[c];
            }
        }
        return Tensor.of(x.shape(), dst);
    }
}
