package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;

/** NCHW to NHWC for the convolutions' inputs, into a buffer the caller supplies (see {@link Transpose}). */
public final class ChannelsLast {
    private ChannelsLast() {
    }

    /** The tensor stored channels last (itself when it already is), converting into an array from {@code buffers}. */
    public static Tensor of(Tensor t, java.util.function.IntFunction<float[]> buffers) {
        if (t.layout() == Layout.NHWC || t.rank() != 4) {
            return t.toNhwc();
        }
        float[] dst = buffers.apply(t.data().length);
        Transpose.batched(t.data(), dst, t.dim(0), t.dim(1), t.dim(2) * t.dim(3));
        return new Tensor(t.shape(), dst, Layout.NHWC);
    }
}
