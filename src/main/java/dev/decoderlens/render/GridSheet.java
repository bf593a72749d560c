package dev.decoderlens.render;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A filter grid ready for a paper or a bug report: title lines (image, crop, path, layer, shape), the grid with
 * filter indices (a row's label is the index of its first filter, a column's label is the offset within the row),
 * and the colour bar with its range.
 */
public final class GridSheet {
    private static final int LABEL_PAD = 4;

    private GridSheet() {
    }

    public static BufferedImage compose(FilterGrid grid, List<String> title) {
        GridLayout g = grid.layout();
        int titleH = titleHeight(title);
        int rowLabelW = Typesetter.width(Integer.toString(g.tiles() - 1), Typesetter.SMALL) + LABEL_PAD;
        int colLabelH = Typesetter.lineHeight(Typesetter.SMALL);
        int barW = Math.clamp(g.width(), 160, 512);
        String caption = caption(grid);
        int contentW = rowLabelW + Math.max(g.width(), Math.max(barW, Typesetter.width(caption, Typesetter.TEXT)));
        for (int i = 0; i < title.size(); i++) {
            contentW = Math.max(contentW, Typesetter.width(title.get(i), i == 0 ? Typesetter.TITLE : Typesetter.TEXT));
        }
        int gridX = Typesetter.MARGIN + rowLabelW, gridY = Typesetter.MARGIN + titleH + colLabelH;
        int barY = gridY + g.height() + 10;
        int width = contentW + 2 * Typesetter.MARGIN;
        int height = barY + Typesetter.legendHeight() + Typesetter.MARGIN;
        ArgbImage.checkSize(width, height);

        BufferedImage sheet = Typesetter.canvas(width, height);
        Graphics2D gr = Typesetter.graphics(sheet);
        drawTitle(gr, title, Typesetter.MARGIN, Typesetter.MARGIN);
        drawIndices(gr, g, gridX, gridY);
        Typesetter.pixels(sheet, grid.image(), gridX, gridY);
        Typesetter.legend(sheet, gr, grid.legend(), Typesetter.MARGIN + rowLabelW, barY, barW, caption);
        gr.dispose();
        return sheet;
    }

    /** Sheets placed left to right on one white canvas, top-aligned, 16 pixels apart (path A's grid beside B's). */
    public static BufferedImage sideBySide(List<BufferedImage> sheets) {
        int w = -16, h = 0;
        for (BufferedImage s : sheets) {
            w += s.getWidth() + 16;
            h = Math.max(h, s.getHeight());
        }
        ArgbImage.checkSize(w, h);
        BufferedImage out = Typesetter.canvas(w, h);
        Graphics2D g = Typesetter.graphics(out);
        int x = 0;
        for (BufferedImage s : sheets) {
            g.drawImage(s, x, 0, null);
            x += s.getWidth() + 16;
        }
        g.dispose();
        return out;
    }

    /** "viridis, per layer" and what the bar's range means. */
    static String caption(FilterGrid grid) {
        FilterGrid.Settings s = grid.settings();
        String norm = switch (s.normalization()) {
            case PER_FILTER -> "each filter over its own range (bar: the layer's range)";
            case PER_LAYER -> "one scale for the layer";
            case SHARED -> "one scale shared by both paths";
        };
        return s.colorMap().id() + ", " + norm + ", scale " + s.scale() + "x";
    }

    static int titleHeight(List<String> title) {
        int h = 0;
        for (int i = 0; i < title.size(); i++) {
            h += Typesetter.lineHeight(i == 0 ? Typesetter.TITLE : Typesetter.TEXT);
        }
        return title.isEmpty() ? 0 : h + 6;
    }

    static void drawTitle(Graphics2D g, List<String> title, int x, int y) {
        for (int i = 0; i < title.size(); i++) {
            var font = i == 0 ? Typesetter.TITLE : Typesetter.TEXT;
            Typesetter.text(g, title.get(i), font, i == 0 ? Typesetter.INK : Typesetter.MUTED, x, y);
            y += Typesetter.lineHeight(font);
        }
    }

    /** Column offsets above, first-filter indices to the left; thinned out where tiles are smaller than the text. */
    private static void drawIndices(Graphics2D gr, GridLayout g, int gridX, int gridY) {
        int colLabelH = Typesetter.lineHeight(Typesetter.SMALL);
        int widest = Typesetter.width(Integer.toString(g.columns() - 1), Typesetter.SMALL) + LABEL_PAD;
        int colStep = Math.max(1, (widest + g.tileWidth() + g.gap() - 1) / (g.tileWidth() + g.gap()));
        for (int col = 0; col < g.columns(); col += colStep) {
            Typesetter.text(gr, Integer.toString(col), Typesetter.SMALL, Typesetter.MUTED, gridX + g.tileX(col),
                    gridY - colLabelH);
        }
        int rowStep = Math.max(1, (colLabelH + g.tileHeight() + g.gap() - 1) / (g.tileHeight() + g.gap()));
        for (int row = 0; row < g.rows(); row += rowStep) {
            String s = Integer.toString(row * g.columns());
            int x = gridX - LABEL_PAD - Typesetter.width(s, Typesetter.SMALL);
            Typesetter.text(gr, s, Typesetter.SMALL, Typesetter.MUTED, x, gridY + g.tileY(row * g.columns()));
        }
    }
}
