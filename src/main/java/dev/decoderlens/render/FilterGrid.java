package dev.decoderlens.render;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * One layer's activations drawn as a grid with one tile per filter (channel): the raw pixels, where each tile is,
 * and the colour scale each tile was drawn with. The window shows {@link #image()}; exports label it
 * ({@link GridSheet}) and write it as PNG. Both call {@link #render}, so they show the same pixels.
 *
 * <p>A grid wider or higher than {@link #PREVIEW_SIDE} carries a {@link #preview}: every k-th pixel of the image,
 * for the smallest odd k that fits it in that side (the pixels {@link ArgbImage#sampled} takes). The window shows it
 * while the grid is displayed no larger: path A's default grid, 4126 pixels square and shown about 370 wide, made
 * the renderer upload 68 MB for every new grid (0.4-0.9 s here, drawing OpenGL in software). Not averaged: a
 * stride-2 checkerboard in the tiles must stay visible at a glance, as it was when the renderer sampled the whole
 * image, and an odd step keeps it. Such a grid draws its preview straight from the values, and the full image only
 * when first asked for (zooming in, exporting): 17 million pixels for that grid, which the first comparison of a
 * launch and every run of a crop drag at 512 waited for although nobody looked at them.
 */
public final class FilterGrid {
    /** Grids larger than this (either side) get a {@link #preview}. */
    public static final int PREVIEW_SIDE = 1024;
    /** Colour of the gaps between tiles: darker than any colour map's low end so tile borders stay visible. */
    public static final int GAP_ARGB = 0xFF202020;
    /** The cells after the last filter of the last row: transparent, so the window's or sheet's background shows. */
    public static final int EMPTY_ARGB = 0x00000000;

    private final GridLayout layout;
    private final ColorScale[] scales;
    private final ColorScale legend;
    private final Settings settings;
    private final ArgbImage preview;
    /** What the full image is drawn from, until it is drawn: the values and each value's block size. */
    private Tensor values;
    private final int kx;
    private final int ky;
    /** Volatile: the window asks {@link #imageDrawn} on the UI thread while a worker may be drawing. */
    private volatile ArgbImage image;

    private FilterGrid(GridLayout layout, ColorScale[] scales, ColorScale legend, Settings settings, Tensor values,
                       int kx, int ky, ArgbImage preview) {
        this.layout = layout;
        this.scales = scales;
        this.legend = legend;
        this.settings = settings;
        this.values = values;
        this.kx = kx;
        this.ky = ky;
        this.preview = preview;
    }

    /** Where each tile is. */
    public GridLayout layout() {
        return layout;
    }

    /** The colour scale of each tile (all the same unless normalised per filter). */
    public ColorScale[] scales() {
        return scales;
    }

    /**
     * What the colour bar shows: the layer's (or the shared) range; for per-filter normalisation the layer's range,
     * while each tile spans its own.
     */
    public ColorScale legend() {
        return legend;
    }

    /** What it was drawn with. */
    public Settings settings() {
        return settings;
    }

    /** Every k-th pixel of {@link #image()} for a grid larger than {@link #PREVIEW_SIDE}, else null. */
    public ArgbImage preview() {
        return preview;
    }

    /**
     * The grid's pixels; gaps are {@link #GAP_ARGB}, cells without a filter {@link #EMPTY_ARGB}. Drawn on the first
     * call for a grid with a preview (on the caller's thread: the window asks on a worker).
     */
    public synchronized ArgbImage image() {
        if (image == null) {
            image = draw(values, layout, scales, settings.batch(), kx, ky, CancellationToken.NONE);
            values = null;
        }
        return image;
    }

    /** Whether {@link #image()} returns at once (never waits for a drawing under way). */
    public boolean imageDrawn() {
        return image != null;
    }

    /**
     * How to draw a grid.
     *
     * @param colorMap      the colour map
     * @param normalization which values one scale spans
     * @param scale         integer enlargement, 1 to 8 (nearest neighbour)
     * @param sharedRange   for {@link Normalization#SHARED}: the range over both paths (see {@link #sharedRange});
     *                      ignored otherwise, may be null then
     * @param gap           pixels between tiles
     * @param batch         which batch item to draw
     */
    public record Settings(ColorMap colorMap, Normalization normalization, int scale, ValueRange sharedRange, int gap,
            int batch) {
        public Settings {
            Objects.requireNonNull(colorMap, "colorMap");
            Objects.requireNonNull(normalization, "normalization");
            ArgbImage.checkScale(scale);
            if (normalization == Normalization.SHARED && sharedRange == null) {
                throw new IllegalArgumentException("shared normalisation needs the range over both paths");
            }
        }

        /** Per-layer or per-filter settings with a 2-pixel gap, batch item 0. */
        public static Settings of(ColorMap colorMap, Normalization normalization, int scale) {
            return new Settings(colorMap, normalization, scale, null, 2, 0);
        }

        public Settings withSharedRange(ValueRange r) {
            return new Settings(colorMap, normalization, scale, r, gap, batch);
        }
    }

    /** Draws every filter of a rank-4 (N, C, H, W) layer. */
    public static FilterGrid render(Tensor layer, Settings s) {
        return render(layer, s, CancellationToken.NONE);
    }

    /**
     * Draws every filter of a rank-4 (N, C, H, W) layer, stopping with a
     * {@link java.util.concurrent.CancellationException} between tiles once {@code cancel} fires. A nearest
     * enlargement that was never computed is drawn from its smaller source, each value as a block of the factors'
     * size: the same pixels, without computing the enlarged values (268 MB for the report's last upsampling).
     */
    public static FilterGrid render(Tensor layer, Settings s, CancellationToken cancel) {
        if (layer.rank() != 4) {
            throw new IllegalArgumentException("a filter grid needs a (N, C, H, W) layer, got " + layer);
        }
        if (s.batch() < 0 || s.batch() >= layer.dim(0)) {
            throw new IllegalArgumentException("batch item " + s.batch() + " does not exist in " + layer);
        }
        int c = layer.dim(1);
        GridLayout g = GridLayout.of(c, layer.dim(3), layer.dim(2), s.scale(), s.gap());
        Tensor.Enlargement e = layer.pendingEnlargement();
        Tensor values = e == null ? layer : e.source();
        int ky = s.scale() * (e == null ? 1 : e.fH()), kx = s.scale() * (e == null ? 1 : e.fW());
        ValueRange[] own = ValueRange.perChannel(values, s.batch());
        ValueRange layerRange = Arrays.stream(own).reduce(ValueRange.EMPTY, ValueRange::union);
        ColorScale legend = ColorScale.of(s.colorMap(),
                s.normalization() == Normalization.SHARED ? s.sharedRange() : layerRange);
        ColorScale[] scales = new ColorScale[c];
        for (int ch = 0; ch < c; ch++) {
            scales[ch] = s.normalization() == Normalization.PER_FILTER ? ColorScale.of(s.colorMap(), own[ch]) : legend;
        }
        int step = (Math.max(g.width(), g.height()) + PREVIEW_SIDE - 1) / PREVIEW_SIDE;
        step += step > 1 && step % 2 == 0 ? 1 : 0;
        if (step > 1) {
            return new FilterGrid(g, scales, legend, s, values, kx, ky, preview(values, g, scales, s.batch(), kx, ky, step, cancel));
        }
        FilterGrid grid = new FilterGrid(g, scales, legend, s, null, kx, ky, null);
        grid.image = draw(values, g, scales, s.batch(), kx, ky, cancel);
        return grid;
    }

    /** Every tile, each value of {@code values} a block of {@code kx x ky} pixels. */
    private static ArgbImage draw(Tensor values, GridLayout g, ColorScale[] scales, int batch, int kx, int ky,
                                  CancellationToken cancel) {
        int h = values.dim(2), w = values.dim(3);
        ArgbImage out = ArgbImage.filled(g.width(), g.height(), GAP_ARGB);
        float[] map = new float[h * w];
        int[] row = new int[g.tileWidth()];
        for (int ch = 0; ch < g.tiles(); ch++) {
            cancel.check();
            values.channelMap(batch, ch, map);
            paintTile(map, w, h, scales[ch], kx, ky, row, out, g.tileX(ch), g.tileY(ch));
        }
        clearEmptyCells(out, g);
        return out;
    }

    /**
     * The pixels {@code draw(...).sampled(step)} gives, without drawing the others: the value under each sampled
     * pixel, tile by tile, then the gaps and empty cells as {@link #draw} leaves them.
     */
    private static ArgbImage preview(Tensor values, GridLayout g, ColorScale[] scales, int batch, int kx, int ky,
                                     int step, CancellationToken cancel) {
        int width = g.width(), height = g.height(), w = values.dim(3);
        int[] xs = sampledAxis(width, step), ys = sampledAxis(height, step);
        int pw = xs.length, ph = ys.length;
        int[] out = new int[pw * ph];
        java.util.Arrays.fill(out, GAP_ARGB);
        // Only the sampled values are read, where they are stored: gathering each filter's whole map out of channels-last
        // storage first read a cache line per value, several times more values than the preview shows.
        float[] data = values.data();
        int channels = values.dim(1), h = values.dim(2);
        boolean channelsLast = values.layout() == Layout.NHWC;
        int pixelStep = channelsLast ? channels : 1; // between neighbouring pixels of one filter's map
        for (int f = 0; f < g.tiles(); f++) {
            cancel.check();
            int x0 = g.tileX(f), y0 = g.tileY(f);
            int bx0 = firstAtOrAfter(xs, x0), bx1 = firstAtOrAfter(xs, x0 + g.tileWidth());
            int by0 = firstAtOrAfter(ys, y0), by1 = firstAtOrAfter(ys, y0 + g.tileHeight());
            if (bx0 == bx1 || by0 == by1) {
                continue; // no sampled pixel falls in this tile
            }
            int origin = channelsLast ? batch * h * w * channels + f : (batch * channels + f) * h * w;
            for (int by = by0; by < by1; by++) {
                int row = origin + (ys[by] - y0) / ky * w * pixelStep;
                for (int bx = bx0; bx < bx1; bx++) {
                    out[by * pw + bx] = scales[f].argb(data[row + (xs[bx] - x0) / kx * pixelStep]);
                }
            }
        }
        if (g.tiles() % g.columns() != 0) { // the cells after the last filter, as clearEmptyCells leaves them
            int ex = g.tileX(g.tiles()) - g.gap(), ey = g.tileY(g.tiles()) - (g.rows() > 1 ? g.gap() : 0);
            for (int by = firstAtOrAfter(ys, ey); by < ph; by++) {
                java.util.Arrays.fill(out, by * pw + firstAtOrAfter(xs, ex), (by + 1) * pw, EMPTY_ARGB);
            }
        }
        return new ArgbImage(pw, ph, out);
    }

    /** The pixel {@link ArgbImage#sampled} takes from each block of {@code step} along an axis of {@code n}. */
    private static int[] sampledAxis(int n, int step) {
        int[] at = new int[(n + step - 1) / step];
        for (int b = 0; b < at.length; b++) {
            at[b] = ArgbImage.sampledPixel(b, n, step);
        }
        return at;
    }

    /** The first index whose sampled pixel is at or after {@code p} (ascending {@code at}). */
    private static int firstAtOrAfter(int[] at, int p) {
        int i = java.util.Arrays.binarySearch(at, Math.max(0, p));
        return i >= 0 ? i : -i - 1;
    }

    private static void clearEmptyCells(ArgbImage out, GridLayout g) {
        if (g.tiles() % g.columns() == 0) {
            return;
        }
        int x0 = g.tileX(g.tiles()) - g.gap(), y0 = g.tileY(g.tiles()) - (g.rows() > 1 ? g.gap() : 0);
        for (int y = Math.max(0, y0); y < out.height(); y++) {
            Arrays.fill(out.pixels(), y * out.width() + Math.max(0, x0), (y + 1) * out.width(), EMPTY_ARGB);
        }
    }

    /** The range covering both paths' layers: what {@link Normalization#SHARED} spans. */
    public static ValueRange sharedRange(Tensor... layers) {
        ValueRange r = ValueRange.EMPTY;
        for (Tensor t : layers) {
            if (t != null) {
                r = r.union(ValueRange.of(t));
            }
        }
        return r;
    }

    /** One map (h, w) drawn enlarged into {@code out} at (x0, y0): each value a block {@code kx} wide, {@code ky} high. */
    static void paintTile(float[] map, int w, int h, ColorScale scale, int kx, int ky, int[] row, ArgbImage out, int x0, int y0) {
        int[] dst = out.pixels();
        int stride = out.width();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Arrays.fill(row, x * kx, x * kx + kx, scale.argb(map[y * w + x]));
            }
            for (int r = 0; r < ky; r++) {
                System.arraycopy(row, 0, dst, (y0 + y * ky + r) * stride + x0, w * kx);
            }
        }
    }

    public int filters() {
        return layout.tiles();
    }
}
