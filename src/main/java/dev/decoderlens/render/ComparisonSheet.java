package dev.decoderlens.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Pictures side by side with a caption above each and an optional colour bar below: input crop | path A output |
 * path B output | difference. A panel without a picture (a path that gives no image of the crop's size) shows its
 * reason in words instead.
 */
public final class ComparisonSheet {
    private static final int PANEL_GAP = 16;
    private static final int MIN_PANEL_W = 140;

    private ComparisonSheet() {
    }

    /**
     * One panel.
     *
     * @param caption what it shows ("path A: upsample-conv", ...)
     * @param image   the picture at its final scale, or null when there is none
     * @param scale   the colour scale to show a bar for, or null (RGB pictures)
     * @param note    a line below: the value range, or why there is no picture
     */
    public record Panel(String caption, ArgbImage image, ColorScale scale, String note) {
        public static Panel message(String caption, String why) {
            return new Panel(caption, null, null, why);
        }
    }

    public static BufferedImage compose(List<String> title, List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one panel");
        }
        int imageH = 0, maxImageW = 0;
        for (Panel p : panels) {
            if (p.image() != null) {
                imageH = Math.max(imageH, p.image().height());
                maxImageW = Math.max(maxImageW, p.image().width());
            }
        }
        imageH = Math.max(imageH, 64);
        int[] widths = new int[panels.size()];
        int contentW = -PANEL_GAP;
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int w = p.image() != null ? p.image().width() : Math.max(maxImageW, MIN_PANEL_W);
            w = Math.max(w, Math.max(Typesetter.width(p.caption(), Typesetter.TEXT), MIN_PANEL_W));
            if (p.image() != null && p.note() != null) {
                w = Math.max(w, Typesetter.width(p.note(), Typesetter.TEXT));
            }
            widths[i] = w;
            contentW += w + PANEL_GAP;
        }
        for (int i = 0; i < title.size(); i++) {
            contentW = Math.max(contentW, Typesetter.width(title.get(i), i == 0 ? Typesetter.TITLE : Typesetter.TEXT));
        }
        int captionH = Typesetter.lineHeight(Typesetter.TEXT);
        int top = Typesetter.MARGIN + GridSheet.titleHeight(title);
        int imageY = top + captionH;
        int belowY = imageY + imageH + 8;
        int width = contentW + 2 * Typesetter.MARGIN;
        int height = belowY + Typesetter.legendHeight() + Typesetter.MARGIN;
        ArgbImage.checkSize(width, height);

        BufferedImage sheet = Typesetter.canvas(width, height);
        Graphics2D g = Typesetter.graphics(sheet);
        GridSheet.drawTitle(g, title, Typesetter.MARGIN, Typesetter.MARGIN);
        int x = Typesetter.MARGIN;
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            Typesetter.text(g, p.caption(), Typesetter.TEXT, Typesetter.INK, x, top);
            if (p.image() == null) {
                drawMessage(g, p.note(), x, imageY, widths[i], imageH);
            } else {
                Typesetter.pixels(sheet, p.image(), x, imageY);
                String note = p.note() == null ? "" : p.note();
                if (p.scale() != null) {
                    Typesetter.legend(sheet, g, p.scale(), x, belowY, Math.min(widths[i], Math.max(p.image().width(),
                            MIN_PANEL_W)), note);
                } else {
                    Typesetter.text(g, note, Typesetter.TEXT, Typesetter.MUTED, x, belowY);
                }
            }
            x += widths[i] + PANEL_GAP;
        }
        g.dispose();
        return sheet;
    }

    /** A grey box with the reason, wrapped to the panel's width. */
    private static void drawMessage(Graphics2D g, String why, int x, int y, int w, int h) {
        g.setColor(new Color(0xEE, 0xEE, 0xEE));
        g.fillRect(x, y, w, h);
        int lineH = Typesetter.lineHeight(Typesetter.TEXT);
        int ty = y + 6;
        StringBuilder line = new StringBuilder();
        for (String word : (why == null ? "no picture" : why).split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && Typesetter.width(next, Typesetter.TEXT) > w - 12) {
                Typesetter.text(g, line.toString(), Typesetter.TEXT, Typesetter.INK, x + 6, ty);
                ty += lineH;
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
            if (ty + lineH > y + h) {
                return;
            }
        }
        Typesetter.text(g, line.toString(), Typesetter.TEXT, Typesetter.INK, x + 6, ty);
    }
}
