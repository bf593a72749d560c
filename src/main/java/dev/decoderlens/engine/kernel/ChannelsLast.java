package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;

/**
 * NCHW to NHWC for the convolutions' inputs, in cache-sized tiles on all cores. A plain element loop (as in
 * {@link Tensor#toNhwc()}) writes with a stride of C floats and costs as much as a small convolution on a large
 * image; a tiled transpose reads and writes whole cache lines.
 */
public final class ChannelsLast {
    private static final int TILE = 32;

    private ChannelsLast() {
    }

    /** The tensor stored channels last (itself when it already is). */
    public static Tensor of(Tensor t) {
        return of(t, float[]::new);
    }

    /** The same, converting into an array from {@code buffers} (every element is written). */
    public static Tensor of(Tensor t, java.util.function.IntFunction<float[]> buffers) {
        if (t.layout() == Layout.NHWC || t.rank() != 4) {
            return t.toNhwc();
        }
        int n = t.dim(0), c = t.dim(1), h = t.dim(2), w = t.dim(3), hw = h * w;
        float[] src = t.data(), dst = buffers.apply(src.length);
        int pixelTiles = (hw + TILE - 1) / TILE;
        Parallel.forEach(n * pixelTiles, task -> {
            int b = task / pixelTiles, p0 = (task % pixelTiles) * TILE, p1 = Math.min(hw, p0 + TILE);
            int base = b * c * hw;
            for (int c0 = 0; c0 < c; c0 += TILE) {
                int c1 = Math.min(c, c0 + TILE);
                for (int p = p0; p < p1; p++) {
                    int d = base + p * c;
                    for (int ch = c0; ch < c1; ch++) {
                        dst[d + ch] = src[base + ch * hw + p];
                    }
                }
            }
        });
        return new Tensor(t.shape(), dst, Layout.NHWC);
    }
}
