package dev.decoderlens.render;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Locale;

/**
 * Fonts, colours and text drawing shared by the labelled sheets. Java2D in headless mode: no display needed.
 * Hints are fixed (grayscale antialiasing, integer metrics) so the same settings give the same bytes.
 */
final class Typesetter {
    static final Color BACKGROUND = Color.WHITE;
    static final Color INK = new Color(0x20, 0x20, 0x20);
    static final Color MUTED = new Color(0x60, 0x60, 0x60);
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    static final int MARGIN = 12;

    private static final Graphics2D MEASURE = configure(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics());

    private Typesetter() {
    }

    /** A white canvas with the fixed hints. */
    static BufferedImage canvas(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    static Graphics2D graphics(BufferedImage img) {
        return configure(img.createGraphics());
    }

    private static Graphics2D configure(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        return g;
    }

    static synchronized int width(String s, Font f) {
        return MEASURE.getFontMetrics(f).stringWidth(s);
    }

    static synchronized int lineHeight(Font f) {
        FontMetrics m = MEASURE.getFontMetrics(f);
        return m.getAscent() + m.getDescent() + 2;
    }

    static synchronized int ascent(Font f) {
        return MEASURE.getFontMetrics(f).getAscent();
    }

    /** Draws s with its top-left corner at (x, y). */
    static void text(Graphics2D g, String s, Font f, Color c, int x, int y) {
        g.setFont(f);
        g.setColor(c);
        g.drawString(s, x, y + ascent(f));
    }

    /** Copies raw pixels into the sheet unchanged (no scaling, no blending). */
    static void pixels(BufferedImage sheet, ArgbImage src, int x, int y) {
        int[] px = src.pixels();
        int bg = BACKGROUND.getRGB();
        int[] row = new int[src.width()];
        for (int r = 0; r < src.height(); r++) {
            for (int c = 0; c < row.length; c++) {
                int p = px[r * row.length + c];
                row[c] = (p >>> 24) == 0 ? bg : p; // transparent cells show the sheet
            }
            sheet.setRGB(x, y + r, row.length, 1, row, 0, row.length);
        }
    }

    /** An opaque RGB BufferedImage sharing nothing with {@code src}: for PNG writing of a bare picture. */
    static BufferedImage toBufferedImage(ArgbImage src) {
        BufferedImage img = new BufferedImage(src.width(), src.height(), BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < dst.length; i++) {
            dst[i] = src.pixels()[i] & 0xFFFFFF;
        }
        return img;
    }

    /** A value as short text: 4 significant digits, scientific notation when very large or small. */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : Double.toString(v);
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    static String range(ValueRange r) {
        return r.isEmpty() ? "no finite values" : number(r.min()) + " .. " + number(r.max());
    }

    static final int BAR_HEIGHT = 10;

    /** Height of {@link #legend}: the bar, a row of numbers and a caption line. */
    static int legendHeight() {
        return BAR_HEIGHT + 2 + lineHeight(SMALL) + lineHeight(TEXT);
    }

    /** A colour bar of {@code width} pixels at (x, y) with its low, middle and high values, and a caption below. */
    static void legend(BufferedImage sheet, Graphics2D g, ColorScale scale, int x, int y, int width, String caption) {
        pixels(sheet, ColorBar.horizontal(scale.map(), width, BAR_HEIGHT), x, y);
        int ty = y + BAR_HEIGHT + 2;
        ValueRange r = scale.range();
        if (!r.isEmpty()) {
            String lo = number(r.min()), hi = number(r.max()), mid = number((r.min() + (double) r.max()) / 2);
            text(g, lo, SMALL, MUTED, x, ty);
            text(g, hi, SMALL, MUTED, x + width - width(hi, SMALL), ty);
            int mw = width(mid, SMALL);
            if (width(lo, SMALL) + width(hi, SMALL) + mw + 16 <= width) {
                text(g, mid, SMALL, MUTED, x + (width - mw) / 2, ty);
            }
        }
        text(g, caption, TEXT, INK, x, ty + lineHeight(SMALL));
    }
}
