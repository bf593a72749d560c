package dev.decoderlens.render;

/** A horizontal strip of a colour map, low end on the left; its range is written beside it by the sheets. */
public final class ColorBar {
    private ColorBar() {
    }

    /** Column x shows the map at the centre of its share of the range, (x + 0.5) / width. */
    public static ArgbImage horizontal(ColorMap map, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a colour bar needs at least 1x1 pixels, got " + width + "x" + height);
        }
        int[] px = new int[width * height];
        for (int x = 0; x < width; x++) {
            px[x] = map.argb((x + 0.5) / width);
        }
        for (int y = 1; y < height; y++) {
            System.arraycopy(px, 0, px, y * width, width);
        }
        return new ArgbImage(width, height, px);
    }
}
