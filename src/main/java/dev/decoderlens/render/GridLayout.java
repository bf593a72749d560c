package dev.decoderlens.render;

/**
 * Where each filter's tile sits in a grid picture: tiles of {@code tileWidth x tileHeight} pixels (the map's size
 * times the scale) in rows of {@code columns}, {@code gap} pixels apart, filter 0 top-left, row by row.
 */
public record GridLayout(int tiles, int columns, int rows, int tileWidth, int tileHeight, int scale, int gap) {

    /** What lies under a point of the grid: the filter and the map's own pixel (before scaling). */
    public record Hit(int filter, int mapX, int mapY) {
    }

    /**
     * A layout for {@code n} maps of {@code mapWidth x mapHeight} enlarged {@code scale} times, with about as many
     * pixels across as down so a 256-filter layer fills a screen instead of a strip.
     */
    public static GridLayout of(int n, int mapWidth, int mapHeight, int scale, int gap) {
        ArgbImage.checkScale(scale);
        if (n < 1 || mapWidth < 1 || mapHeight < 1) {
            throw new IllegalArgumentException("a grid needs at least one map of at least 1x1, got " + n + " of "
                    + mapWidth + "x" + mapHeight);
        }
        if (gap < 0) {
            throw new IllegalArgumentException("gap must be >= 0, got " + gap);
        }
        int cols = (int) Math.ceil(Math.sqrt(n * (double) mapHeight / mapWidth));
        cols = Math.clamp(cols, 1, n);
        int rows = (n + cols - 1) / cols;
        GridLayout g = new GridLayout(n, cols, rows, mapWidth * scale, mapHeight * scale, scale, gap);
        ArgbImage.checkSize(g.width(), g.height());
        return g;
    }

    public int width() {
        return columns * tileWidth + (columns - 1) * gap;
    }

    public int height() {
        return rows * tileHeight + (rows - 1) * gap;
    }

    public int tileX(int filter) {
        return (filter % columns) * (tileWidth + gap);
    }

    public int tileY(int filter) {
        return (filter / columns) * (tileHeight + gap);
    }

    /** The tile and map pixel under grid pixel (x, y), or null over a gap or outside every tile. */
    public Hit hit(int x, int y) {
        if (x < 0 || y < 0) {
            return null;
        }
        int col = x / (tileWidth + gap), row = y / (tileHeight + gap);
        int inX = x - col * (tileWidth + gap), inY = y - row * (tileHeight + gap);
        int filter = row * columns + col;
        if (col >= columns || inX >= tileWidth || inY >= tileHeight || filter >= tiles) {
            return null;
        }
        return new Hit(filter, inX / scale, inY / scale);
    }
}
