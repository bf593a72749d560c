package dev.decoderlens.engine.kernel;

/** Zero padding of an NHWC buffer, done once per layer so the convolution loops never test borders. */
public final class PaddedInput {
    private PaddedInput() {
    }

    /**
     * {@code src} (n, h, w, c) placed at offset (top, left) of a zeroed (n, h + top + bottom, w + left + right, c)
     * buffer. Returns {@code src} itself when there is nothing to pad.
     */
    public static float[] pad(float[] src, int n, int h, int w, int c, int top, int left, int bottom, int right) {
        if (top == 0 && left == 0 && bottom == 0 && right == 0) {
            return src;
        }
        int hp = h + top + bottom, wp = w + left + right;
        float[] dst = new float[Math.multiplyExact(Math.multiplyExact(n * hp, wp), c)];
        int rowLen = w * c;
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                int s = (b * h + y) * rowLen;
                int d = ((b * hp + y + top) * wp + left) * c;
                System.arraycopy(src, s, dst, d, rowLen);
            }
        }
        return dst;
    }
}
