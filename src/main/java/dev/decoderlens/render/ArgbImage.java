package dev.decoderlens.render;

import java.util.Arrays;

/**
 * Raw pixels: {@code width * height} ARGB ints, row by row, opaque except fully transparent filler (the empty
 * cells of a grid). This is what the window wraps into a JavaFX {@code PixelBuffer}/{@code WritableImage} (format
 * INT_ARGB_PRE: opaque pixels and 0x00000000 are the same premultiplied) and what the exports turn into PNG, so both
 * show the same pixels.
 */
public record ArgbImage(int width, int height, int[] pixels) {
    /** Beyond this many pixels (1 GiB of ints) a picture is refused: the caller asked for too large a scale. */
    public static final long MAX_PIXELS = 1L << 28;

    public ArgbImage {
        if (width < 0 || height < 0 || (long) width * height != pixels.length) {
            throw new IllegalArgumentException("an image of " + width + "x" + height + " needs "
                    + (long) width * height + " pixels, got " + pixels.length);
        }
    }

    /** A blank picture of one colour. */
    public static ArgbImage filled(int width, int height, int argb) {
        checkSize(width, height);
        int[] px = new int[width * height];
        Arrays.fill(px, argb);
        return new ArgbImage(width, height, px);
    }

    public int get(int x, int y) {
        return pixels[y * width + x];
    }

    /** Each pixel repeated {@code k x k} times (nearest neighbour), so enlarged activations stay sharp. */
    public ArgbImage scaled(int k) {
        checkScale(k);
        if (k == 1) {
            return this;
        }
        checkSize((long) width * k, (long) height * k);
        int w = width * k;
        int[] out = new int[w * height * k];
        for (int y = 0; y < height; y++) {
            int row = y * k * w;
            for (int x = 0; x < width; x++) {
                Arrays.fill(out, row + x * k, row + x * k + k, pixels[y * width + x]);
            }
            for (int r = 1; r < k; r++) {
                System.arraycopy(out, row, out, row + r * w, w);
            }
        }
        return new ArgbImage(w, height * k, out);
    }

    /**
     * Each {@code k x k} block averaged into one pixel (the last row and column of blocks over the pixels they
     * have): a picture {@code k} times smaller that keeps what a smaller display of the whole would lose to
     * aliasing. Channels are averaged as they are stored, premultiplied, so transparent filler blends correctly.
     */
    public ArgbImage shrunk(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a shrink factor must be 1 or more, got " + k);
        }
        if (k == 1) {
            return this;
        }
        int w = (width + k - 1) / k, h = (height + k - 1) / k;
        int[] out = new int[w * h];
        long[] sums = new long[4 * w];
        for (int by = 0; by < h; by++) {
            Arrays.fill(sums, 0);
            int y1 = Math.min(height, (by + 1) * k);
            for (int y = by * k; y < y1; y++) {
                int x = y * width;
                for (int o = 0; o < sums.length; o += 4) {
                    int end = Math.min((y + 1) * width, x + k);
                    long a = 0, r = 0, g = 0, b = 0;
                    for (; x < end; x++) {
                        int p = pixels[x];
                        a += p >>> 24;
                        r += (p >> 16) & 0xFF;
                        g += (p >> 8) & 0xFF;
                        b += p & 0xFF;
                    }
                    sums[o] += a;
                    sums[o + 1] += r;
                    sums[o + 2] += g;
                    sums[o + 3] += b;
                }
            }
            int rows = y1 - by * k;
            for (int bx = 0; bx < w; bx++) {
                long n = (long) rows * (Math.min(width, (bx + 1) * k) - bx * k), half = n / 2;
                int o = 4 * bx;
                out[by * w + bx] = (int) ((sums[o] + half) / n) << 24 | (int) ((sums[o + 1] + half) / n) << 16
                        | (int) ((sums[o + 2] + half) / n) << 8 | (int) ((sums[o + 3] + half) / n);
            }
        }
        return new ArgbImage(w, h, out);
    }

    /** Copies {@code src} into this picture with its top-left corner at (x, y); parts outside are cut off. */
    public void blit(ArgbImage src, int x, int y) {
        int x0 = Math.max(0, x), x1 = Math.min(width, x + src.width);
        if (x0 >= x1) {
            return;
        }
        for (int sy = Math.max(0, -y); sy < src.height && y + sy < height; sy++) {
            System.arraycopy(src.pixels, sy * src.width + (x0 - x), pixels, (y + sy) * width + x0, x1 - x0);
        }
    }

    static void checkScale(int k) {
        if (k < 1 || k > 8) {
            throw new IllegalArgumentException("scale must be 1 to 8, got " + k);
        }
    }

    static void checkSize(long w, long h) {
        if (w * h > MAX_PIXELS) {
            throw new IllegalArgumentException("a picture of " + w + "x" + h + " pixels is too large; use a smaller scale");
        }
    }

    @Override
    public String toString() {
        return "ArgbImage[" + width + "x" + height + "]";
    }
}
