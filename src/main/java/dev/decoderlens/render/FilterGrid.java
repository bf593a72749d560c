package dev.decoderlens.render;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * One layer's activations drawn as a grid with one tile per filter (channel): the raw pixels, where each tile is,
 * and the colour scale each tile was drawn with. The window shows {@link #image()}; exports label it
 * ({@link GridSheet}) and write it as PNG. Both call {@link #render}, so they show the same pixels.
 *
 * @param image     the grid's pixels; gaps are {@link #GAP_ARGB}, cells without a filter {@link #EMPTY_ARGB}
 * @param layout    where each tile is
 * @param scales    the colour scale of each tile (all the same unless normalised per filter)
 * @param legend    what the colour bar shows: the layer's (or the shared) range; for per-filter normalisation the
 *                  layer's range, while each tile spans its own
 * @param settings  what it was drawn with
 * @param preview   for a grid wider or higher than {@link #PREVIEW_SIDE}: every k-th pixel of the image, for the
 *                  smallest odd k that fits it in that side ({@link ArgbImage#sampled}); else null. The window shows
 *                  it while the grid is displayed no larger: path A's default grid, 4126 pixels square and shown
 *                  about 370 wide, made the renderer upload 68 MB for every new grid (0.4-0.9 s here, drawing
 *                  OpenGL in software). Not averaged: a stride-2 checkerboard in the tiles must stay visible at a
 *                  glance, as it was when the renderer sampled the whole image, and an odd step keeps it.
 */
public record FilterGrid(ArgbImage image, GridLayout layout, ColorScale[] scales, ColorScale legend, Settings settings,
                         ArgbImage preview) {
    /** Grids larger than this (either side) get a {@link #preview}. */
    public static final int PREVIEW_SIDE = 1024;
    /** Colour of the gaps between tiles: darker than any colour map's low end so tile borders stay visible. */
    public static final int GAP_ARGB = 0xFF202020;
    /** The cells after the last filter of the last row: transparent, so the window's or sheet's background shows. */
    public static final int EMPTY_ARGB = 0x00000000;

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
        int h = values.dim(2), w = values.dim(3), ky = s.scale() * (e == null ? 1 : e.fH()), kx = s.scale() * (e == null ? 1 : e.fW());
        ValueRange[] own = ValueRange.perChannel(values, s.batch());
        ValueRange layerRange = Arrays.stream(own).reduce(ValueRange.EMPTY, ValueRange::union);
        ColorScale legend = ColorScale.of(s.colorMap(),
                s.normalization() == Normalization.SHARED ? s.sharedRange() : layerRange);
        ColorScale[] scales = new ColorScale[c];
        for (int ch = 0; ch < c; ch++) {
            scales[ch] = s.normalization() == Normalization.PER_FILTER ? ColorScale.of(s.colorMap(), own[ch]) : legend;
        }
        ArgbImage out = ArgbImage.filled(g.width(), g.height(), GAP_ARGB);
        float[] map = new float[h * w];
        int[] row = new int[g.tileWidth()];
        for (int ch = 0; ch < c; ch++) {
            cancel.check();
            values.channelMap(s.batch(), ch, map);
            paintTile(map, w, h, scales[ch], kx, ky, row, out, g.tileX(ch), g.tileY(ch));
        }
        clearEmptyCells(out, g);
        int step = (Math.max(out.width(), out.height()) + PREVIEW_SIDE - 1) / PREVIEW_SIDE;
        step += step > 1 && step % 2 == 0 ? 1 : 0;
        return new FilterGrid(out, g, scales, legend, s, step > 1 ? out.sampled(step) : null);
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
