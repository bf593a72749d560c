package dev.decoderlens.io;

import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * A decoded picture as 8-bit RGB, whatever its file held (16-bit, grey, palette, alpha): the one form the crop
 * tool, the network input and the renderer share. Immutable; {@link #crop} copies.
 */
public final class SourceImage {
    private final int width;
    private final int height;
    private final int[] rgb; // (H, W) row-major, 0xRRGGBB
    private final String note;
    private long hash; // 0 = not computed yet

    /**
     * @param rgb  packed 0xRRGGBB values, row by row; the array is taken over, not copied
     * @param note what was lost in conversion ("alpha channel dropped"), or "" when nothing was
     */
    public SourceImage(int width, int height, int[] rgb, String note) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image needs at least one pixel, got " + width + "x" + height);
        }
        if ((long) width * height != rgb.length) {
            throw new IllegalArgumentException(width + "x" + height + " image needs " + (long) width * height + " pixels, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.note = note == null ? "" : note;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** What was lost when the file was converted to 8-bit RGB, or "". */
    public String note() {
        return note;
    }

    /** The pixel at (x, y) as 0xRRGGBB. */
    public int rgb(int x, int y) {
        return rgb[y * width + x];
    }

    /** All pixels as opaque 0xAARRGGBB, row by row (a new array, ready for an ARGB image buffer). */
    public int[] argb() {
        int[] out = new int[rgb.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = 0xff000000 | rgb[i];
        }
        return out;
    }

    /** The rectangle (x, y, w, h), which must lie inside the image. */
    public SourceImage crop(int x, int y, int w, int h) {
        if (w < 1 || h < 1 || x < 0 || y < 0 || x + w > width || y + h > height) {
            throw new IllegalArgumentException("crop (" + x + ", " + y + ", " + w + "x" + h + ") does not fit a "
                    + width + "x" + height + " image");
        }
        if (x == 0 && y == 0 && w == width && h == height) {
            return this;
        }
        int[] out = new int[w * h];
        for (int row = 0; row < h; row++) {
            System.arraycopy(rgb, (y + row) * width + x, out, row * w, w);
        }
        return new SourceImage(w, h, out, note);
    }

    /**
     * This image scaled to {@code w x h}, for a model that fixes its input size. Separable triangle (bilinear)
     * filtering with half-pixel centres; when shrinking, the filter widens with the scale factor so that every
     * source pixel contributes (no aliasing from skipped pixels). The same size returns this image.
     */
    public SourceImage resized(int w, int h) {
        if (w < 1 || h < 1) {
            throw new IllegalArgumentException("cannot resize to " + w + "x" + h);
        }
        if (w == width && h == height) {
            return this;
        }
        float[][] channels = new float[3][];
        for (int c = 0; c < 3; c++) {
            float[] plane = new float[width * height];
            int shift = 16 - 8 * c;
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (rgb[i] >> shift) & 0xff;
            }
            // rows first (width -> w), then columns (height -> h)
            float[] wide = Resampler.resample(plane, height, width, w, true);
            channels[c] = Resampler.resample(wide, w, height, h, false);
        }
        int[] out = new int[w * h];
        for (int i = 0; i < out.length; i++) {
            int v = 0;
            for (int c = 0; c < 3; c++) {
                v = (v << 8) | Math.clamp(Math.round(channels[c][i]), 0, 255);
            }
            out[i] = v;
        }
        return new SourceImage(w, h, out, note);
    }

    /**
     * The network input: logical shape (1, C, H, W), C = 3 for RGB or 1 for grey, stored channels last because
     * the first convolution reads it that way.
     */
    public Tensor toTensor(InputScaling scaling, ColorMode mode) {
        int c = mode.channels();
        float[] data = new float[rgb.length * c]; // (H, W, C)
        for (int p = 0; p < rgb.length; p++) {
            int v = rgb[p];
            int r = (v >>> 16) & 0xff, g = (v >>> 8) & 0xff, b = v & 0xff;
            if (c == 1) {
                data[p] = scaling.apply(0.299f * r + 0.587f * g + 0.114f * b, -1);
            } else {
                data[3 * p] = scaling.apply(r, 0);
                data[3 * p + 1] = scaling.apply(g, 1);
                data[3 * p + 2] = scaling.apply(b, 2);
            }
        }
        return Tensor.nhwc(1, c, height, width, data);
    }

    /**
     * A 64-bit fingerprint of size and pixels (FNV-1a over the packed values): the key under which the encoder
     * output of this crop is cached. Two different crops colliding is astronomically unlikely for this use.
     */
    public long contentHash() {
        long h = hash;
        if (h == 0) {
            h = 0xcbf29ce484222325L;
            h = (h ^ width) * 0x100000001b3L;
            h = (h ^ height) * 0x100000001b3L;
            for (int v : rgb) {
                h = (h ^ v) * 0x100000001b3L;
            }
            h = h == 0 ? 1 : h;
            hash = h;
        }
        return h;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceImage s && s.width == width && s.height == height && Arrays.equals(s.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(contentHash());
    }

    @Override
    public String toString() {
        return "SourceImage[" + width + "x" + height + (note.isEmpty() ? "" : ", " + note) + "]";
    }
}
