package dev.decoderlens.app.vm;

/**
 * A crop rectangle in source-image pixels. Its width and height are multiples of the encoder's total stride, so
 * every pooling layer divides them exactly and both decoders can return to the crop's size.
 */
public record Crop(int x, int y, int width, int height) {
    /** The smallest side the window offers: below this the activation maps are a few pixels wide. */
    public static final int MIN_SIDE = 16;

    /**
     * A crop that fits the image: sides snapped down to a multiple of {@code stride} and kept within
     * [max(16, stride), image side], position clamped so the rectangle stays inside.
     */
    public Crop fitted(int imageWidth, int imageHeight, int stride) {
        int w = snap(width, stride, imageWidth);
        int h = snap(height, stride, imageHeight);
        int cx = clamp(x, 0, imageWidth - w);
        int cy = clamp(y, 0, imageHeight - h);
        return new Crop(cx, cy, w, h);
    }

    /** The same size moved by (dx, dy), kept inside the image. */
    public Crop moved(int dx, int dy, int imageWidth, int imageHeight) {
        return new Crop(clamp(x + dx, 0, imageWidth - width), clamp(y + dy, 0, imageHeight - height), width, height);
    }

    /** The centred crop of the largest snapped square not larger than {@code side}. */
    public static Crop centred(int side, int imageWidth, int imageHeight, int stride) {
        int s = Math.min(side, Math.min(imageWidth, imageHeight));
        Crop c = new Crop(0, 0, s, s).fitted(imageWidth, imageHeight, stride);
        return new Crop((imageWidth - c.width) / 2, (imageHeight - c.height) / 2, c.width, c.height);
    }

    /** Whether an image of this size can hold the smallest crop for the stride. */
    public static boolean fits(int imageWidth, int imageHeight, int stride) {
        int min = minSide(stride);
        return imageWidth >= min && imageHeight >= min;
    }

    public static int minSide(int stride) {
        int s = Math.max(1, stride);
        return ((MIN_SIDE + s - 1) / s) * s;
    }

    /** A side rounded to the nearest multiple of the stride, within [minSide, the largest multiple <= limit]. */
    static int snap(int side, int stride, int limit) {
        int s = Math.max(1, stride);
        int max = Math.max(minSide(s), (limit / s) * s);
        int rounded = (int) Math.round(side / (double) s) * s;
        return clamp(rounded, minSide(s), max);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    @Override
    public String toString() {
        return width + "x" + height + " at (" + x + ", " + y + ")";
    }
}
