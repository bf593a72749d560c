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
     * Every {@code k}-th pixel each way, from the middle of each {@code k x k} block (the last row and column of
     * blocks from the middle of what they have): a picture {@code k} times smaller that keeps its pixels' own values.
     * Averaging instead would flatten a pattern finer than the block, such as a transposed convolution's
     * checkerboard, into its mean; with an odd {@code k} a pattern of period two keeps alternating, as it does when
     * the whole picture is shown smaller by the renderer.
     */
    public ArgbImage sampled(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a sampling step must be 1 or more, got " + k);
        }
        if (k == 1) {
            return this;
        }
        int w = (width + k - 1) / k, h = (height + k - 1) / k;
        int[] out = new int[w * h];
        for (int by = 0; by < h; by++) {
            int y = sampledPixel(by, height, k);
            for (int bx = 0; bx < w; bx++) {
                out[by * w + bx] = pixels[y * width + sampledPixel(bx, width, k)];
            }
        }
        return new ArgbImage(w, h, out);
    }

    /**
     * The pixel {@link #sampled} takes from block {@code b} of {@code k} pixels along an axis of {@code n}: the middle
     * one, or the middle of what an edge block has.
     */
    static int sampledPixel(int b, int n, int k) {
        return (b * k + Math.min(n, (b + 1) * k) - 1) / 2;
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
