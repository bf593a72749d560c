package dev.decoderlens.engine.kernel;

import java.util.Arrays;
import java.util.function.IntFunction;

/** Zero padding of an NHWC buffer, done once per layer so the convolution loops never test borders. */
public final class PaddedInput {
    private PaddedInput() {
    }

    /**
     * {@code src} (n, h, w, c) placed at offset (top, left) of a zeroed (n, h + top + bottom, w + left + right, c)
     * buffer. Returns {@code src} itself when there is nothing to pad.
     */
    public static float[] pad(float[] src, int n, int h, int w, int c, int top, int left, int bottom, int right) {
        return pad(src, n, h, w, c, top, left, bottom, right, float[]::new);
    }

    /**
     * The same into a buffer from {@code buffers}, which may hold old values (a recycled array): the border is
     * cleared explicitly, the inside copied row by row on all cores.
     */
    public static float[] pad(float[] src, int n, int h, int w, int c, int top, int left, int bottom, int right,
                              IntFunction<float[]> buffers) {
        if (top == 0 && left == 0 && bottom == 0 && right == 0) {
            return src;
        }
        int hp = h + top + bottom, wp = w + left + right;
        float[] dst = buffers.apply(Math.multiplyExact(Math.multiplyExact(n * hp, wp), c));
        int rowLen = w * c, paddedRow = wp * c;
        Parallel.forEach(n * hp, task -> {
            int b = task / hp, y = task % hp;
            int d = (b * hp + y) * paddedRow;
            int sy = y - top;
            if (sy < 0 || sy >= h) {
                Arrays.fill(dst, d, d + paddedRow, 0f);
                return;
            }
            Arrays.fill(dst, d, d + left * c, 0f);
            System.arraycopy(src, (b * h + sy) * rowLen, dst, d + left * c, rowLen);
            Arrays.fill(dst, d + (left + w) * c, d + paddedRow, 0f);
        });
        return dst;
    }
}
