package dev.decoderlens.render;

import dev.decoderlens.engine.Tensor;

/**
 * A network's input or output as a picture: three channels as RGB, one channel through a colour map. The range says
 * which values become black and full brightness (0..1 for a sigmoid output, 0..255 for raw pixel input).
 */
public final class OutputPicture {
    private OutputPicture() {
    }

    /** True when {@link #draw} can show this tensor: rank 4 with 1 or 3 channels. */
    public static boolean drawable(Tensor t) {
        return t.rank() == 4 && (t.dim(1) == 1 || t.dim(1) == 3);
    }

    /** Batch item n of a (N, 3, H, W) tensor as RGB, or of a (N, 1, H, W) tensor through {@code map}. */
    public static ArgbImage draw(Tensor t, int n, ColorMap map, ValueRange range) {
        if (!drawable(t)) {
            throw new IllegalArgumentException("only 1- or 3-channel (N, C, H, W) tensors are pictures, got " + t);
        }
        return t.dim(1) == 3 ? rgb(t, n, range) : mapped(t, n, 0, ColorScale.of(map, range));
    }

    /** Channels 0, 1, 2 as red, green, blue; each value placed in {@code range}, clamped, rounded to 8 bits. */
    public static ArgbImage rgb(Tensor t, int n, ValueRange range) {
        int h = t.dim(2), w = t.dim(3);
        float[] r = t.channelMap(n, 0, null), g = t.channelMap(n, 1, null), b = t.channelMap(n, 2, null);
        int[] px = new int[h * w];
        for (int i = 0; i < px.length; i++) {
            if (!Float.isFinite(r[i]) || !Float.isFinite(g[i]) || !Float.isFinite(b[i])) {
                px[i] = ColorMap.NOT_FINITE_ARGB;
            } else {
                px[i] = 0xFF000000 | byteOf(r[i], range) << 16 | byteOf(g[i], range) << 8 | byteOf(b[i], range);
            }
        }
        return new ArgbImage(w, h, px);
    }

    /** One channel through a colour scale. */
    public static ArgbImage mapped(Tensor t, int n, int channel, ColorScale scale) {
        int h = t.dim(2), w = t.dim(3);
        float[] m = t.channelMap(n, channel, null);
        int[] px = new int[h * w];
        for (int i = 0; i < px.length; i++) {
            px[i] = scale.argb(m[i]);
        }
        return new ArgbImage(w, h, px);
    }

    private static int byteOf(float v, ValueRange range) {
        double p = range.position(v);
        return (int) Math.round(255 * Math.clamp(p, 0.0, 1.0));
    }
}
