package dev.decoderlens.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FilterGridTest {

    static Tensor random(int n, int c, int h, int w, long seed) {
        Random r = new Random(seed);
        float[] d = new float[n * c * h * w];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return Tensor.of(new int[] {n, c, h, w}, d);
    }

    @Test
    void aLayerOfNFiltersGivesNTilesOfTheScaledMapSize() {
        for (int c : new int[] {1, 3, 13, 64}) {
            for (int scale : new int[] {1, 3, 8}) {
                Tensor t = random(1, c, 5, 7, c);
                FilterGrid g = FilterGrid.render(t, FilterGrid.Settings.of(ColorMap.VIRIDIS, Normalization.PER_LAYER, scale));
                GridLayout l = g.layout();
                assertEquals(c, l.tiles());
                assertEquals(7 * scale, l.tileWidth());
                assertEquals(5 * scale, l.tileHeight());
                assertEquals(c, l.columns() * l.rows() - (l.columns() * l.rows() - c), "tiles fit the grid");
                assertEquals(l.width(), g.image().width());
                assertEquals(l.height(), g.image().height());
                // every tile is inside the picture and no two tiles overlap
                for (int f = 0; f < c; f++) {
                    assertEquals(f, l.hit(l.tileX(f), l.tileY(f)).filter());
                    assertEquals(f, l.hit(l.tileX(f) + l.tileWidth() - 1, l.tileY(f) + l.tileHeight() - 1).filter());
                }
            }
        }
    }

    @Test
    void aTilePixelIsTheColourMapOfItsValueAsMatplotlibDrawsIt() throws IOException {
        // One filter holding 0 and 1 (fixing the layer range to [0, 1]) and the fixture's positions t: on a
        // per-layer scale each pixel must be matplotlib's cmap(t).
        List<String[]> rows = ColorMapTest.samples();
        int w = rows.size() + 2;
        float[] d = new float[w];
        d[0] = 0f;
        d[1] = 1f;
        for (int i = 0; i < rows.size(); i++) {
            d[i + 2] = Float.parseFloat(rows.get(i)[0]);
        }
        Tensor t = Tensor.of(new int[] {1, 1, 1, w}, d);
        for (int m = 0; m < ColorMapTest.FIXTURE_ORDER.length; m++) {
            ColorMap map = ColorMapTest.FIXTURE_ORDER[m];
            if (map.diverging()) {
                continue; // a diverging scale would widen [0, 1] to [-1, 1]
            }
            FilterGrid g = FilterGrid.render(t, FilterGrid.Settings.of(map, Normalization.PER_LAYER, 2));
            for (int i = 0; i < rows.size(); i++) {
                int expected = 0xFF000000 | Integer.parseInt(rows.get(i)[m + 1], 16);
                int x = (i + 2) * 2 + 1, y = 1; // lower-right pixel of the 2x2 block
                assertEquals(Integer.toHexString(expected), Integer.toHexString(g.image().get(x, y)), map + " t=" + rows.get(i)[0]);
            }
        }
    }

    @Test
    void perFilterStretchesEachTileWhilePerLayerKeepsThemComparable() {
        // filter 0 spans 0..1, filter 1 spans 0..10
        float[] d = {0, 1, 0, 10};
        Tensor t = Tensor.of(new int[] {1, 2, 1, 2}, d);
        FilterGrid perFilter = FilterGrid.render(t, new FilterGrid.Settings(ColorMap.GRAY, Normalization.PER_FILTER, 1, null, 0, 0));
        FilterGrid perLayer = FilterGrid.render(t, new FilterGrid.Settings(ColorMap.GRAY, Normalization.PER_LAYER, 1, null, 0, 0));
        int white = 0xFFFFFFFF;
        assertEquals(white, perFilter.image().get(perFilter.layout().tileX(0) + 1, perFilter.layout().tileY(0)), "per filter: 1 is filter 0's top");
        assertEquals(0xFF191919, perLayer.image().get(perLayer.layout().tileX(0) + 1, perLayer.layout().tileY(0)), "per layer: 1 of 10 is dark");
        assertEquals(white, perLayer.image().get(perLayer.layout().tileX(1) + 1, perLayer.layout().tileY(1)));
        assertEquals(new ValueRange(0, 10), perLayer.legend().range());
    }

    @Test
    void sharedNormalisationUsesTheRangeOverBothPaths() {
        Tensor a = Tensor.of(new int[] {1, 1, 1, 2}, new float[] {0, 1});
        Tensor b = Tensor.of(new int[] {1, 1, 1, 2}, new float[] {-4, 4});
        ValueRange shared = FilterGrid.sharedRange(a, b);
        assertEquals(new ValueRange(-4, 4), shared);
        FilterGrid g = FilterGrid.render(a, new FilterGrid.Settings(ColorMap.GRAY, Normalization.SHARED, 1, shared, 2, 0));
        assertEquals(ColorMap.GRAY.argb(0.5), g.image().get(0, 0));
        assertThrows(IllegalArgumentException.class, () -> FilterGrid.Settings.of(ColorMap.GRAY, Normalization.SHARED, 1));
    }

    @Test
    void channelsLastAndRowMajorStorageGiveTheSamePixels() {
        Tensor rm = random(2, 6, 4, 3, 11);
        Tensor nhwc = rm.toNhwc();
        for (Normalization n : Normalization.values()) {
            var s = new FilterGrid.Settings(ColorMap.MAGMA, n, 2, FilterGrid.sharedRange(rm), 1, 1);
            assertArrayEquals(FilterGrid.render(rm, s).image().pixels(), FilterGrid.render(nhwc, s).image().pixels(), n.id());
        }
    }

    @Test
    void hitFindsTheFilterAndMapPixelAndNothingInGaps() {
        GridLayout l = GridLayout.of(10, 4, 3, 2, 1);
        var h = l.hit(l.tileX(7) + 5, l.tileY(7) + 3);
        assertEquals(new GridLayout.Hit(7, 2, 1), h);
        assertNull(l.hit(l.tileX(0) + l.tileWidth(), 0), "a gap");
        assertNull(l.hit(l.width() - 1, l.height() - 1), "past the last filter of the last row");
    }

    @Test
    void cellsWithoutAFilterAreTransparentAndTilesAreNot() {
        Tensor t = random(1, 10, 3, 3, 9); // 4 columns: the last row holds 2 filters and 2 empty cells
        FilterGrid g = FilterGrid.render(t, FilterGrid.Settings.of(ColorMap.VIRIDIS, Normalization.PER_LAYER, 2));
        GridLayout l = g.layout();
        assertEquals(4, l.columns());
        assertEquals(FilterGrid.EMPTY_ARGB, g.image().get(l.width() - 1, l.height() - 1));
        assertEquals(FilterGrid.EMPTY_ARGB, g.image().get(l.tileX(9) + l.tileWidth(), l.tileY(9))); // gap after the last tile
        for (int f = 0; f < 10; f++) {
            assertEquals(0xFF, g.image().get(l.tileX(f), l.tileY(f)) >>> 24, "tile " + f + " is opaque");
        }
        assertEquals(FilterGrid.GAP_ARGB, g.image().get(l.tileX(0) + l.tileWidth(), 0));
    }

    @Test
    void nanPixelsAreMarkedAndDoNotStretchTheRange() {
        Tensor t = Tensor.of(new int[] {1, 1, 1, 3}, new float[] {0, Float.NaN, 2});
        FilterGrid g = FilterGrid.render(t, FilterGrid.Settings.of(ColorMap.VIRIDIS, Normalization.PER_FILTER, 1));
        assertEquals(ColorMap.NOT_FINITE_ARGB, g.image().get(1, 0));
        assertEquals(new ValueRange(0, 2), g.scales()[0].range());
    }

    @Test
    void integerScalingRepeatsEachPixel() {
        ArgbImage img = new ArgbImage(2, 1, new int[] {1, 2});
        ArgbImage s = img.scaled(3);
        assertEquals(6, s.width());
        assertEquals(3, s.height());
        assertEquals(1, s.get(2, 2));
        assertEquals(2, s.get(3, 0));
        assertThrows(IllegalArgumentException.class, () -> img.scaled(9));
    }

    @Test
    void samplingKeepsTheMiddlePixelOfEachBlockAndTheEdgeBlocksOfWhatTheyHave() {
        int[] px = new int[5 * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF000000 | i;
        }
        ArgbImage s = new ArgbImage(5, 3, px).sampled(3);
        assertEquals(2, s.width());
        assertEquals(1, s.height());
        assertEquals(0xFF000000 | (1 * 5 + 1), s.get(0, 0)); // block x 0..2, y 0..2: its middle (1, 1)
        assertEquals(0xFF000000 | (1 * 5 + 3), s.get(1, 0)); // the last block has x 3..4: its middle, 3
        ArgbImage img = new ArgbImage(1, 1, new int[] {7});
        assertEquals(img, img.sampled(1));
        assertThrows(IllegalArgumentException.class, () -> img.sampled(0));
    }

    @Test
    void anOddStepKeepsAStrideTwoCheckerboardAlternating() {
        // what a stride-2 transposed convolution leaves in its maps, and what an average would flatten to grey
        int n = 45;
        int[] px = new int[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                px[y * n + x] = (x + y) % 2 == 0 ? 0xFFFFFFFF : 0xFF000000;
            }
        }
        ArgbImage s = new ArgbImage(n, n, px).sampled(5);
        for (int y = 0; y < s.height(); y++) {
            for (int x = 0; x + 1 < s.width(); x++) {
                assertNotEquals(s.get(x, y), s.get(x + 1, y), "neighbours at " + x + ", " + y);
            }
        }
    }

    @Test
    void aGridLargerThanThePreviewSideCarriesEveryKthPixelForAnOddK() {
        // 64 maps of 130x130: 8 columns of 130 pixels and 2-pixel gaps, 1054 wide: step 2 is even, so 3
        FilterGrid big = FilterGrid.render(random(1, 64, 130, 130, 5), FilterGrid.Settings.of(ColorMap.VIRIDIS, Normalization.PER_LAYER, 1));
        assertEquals(1054, big.image().width());
        assertArrayEquals(big.image().sampled(3).pixels(), big.preview().pixels());
        assertEquals(352, big.preview().width());
        FilterGrid small = FilterGrid.render(random(1, 16, 20, 20, 6), FilterGrid.Settings.of(ColorMap.VIRIDIS, Normalization.PER_LAYER, 1));
        assertNull(small.preview(), "a grid that fits needs no preview");
    }

    @Test
    void aLargeGridDrawsItsPreviewFirstWithThePixelsTheFullImageHasThere() {
        // 61 maps (an incomplete last row: empty cells), per filter and per layer, a gap of 0, 1 and 3, a scale and an
        // enlargement drawn from its source, channel-major and channels-last storage, steps 3 and 5: the preview drawn straight from the values is the full
        // image sampled, pixel for pixel, and the full image is drawn only when asked for
        Tensor small = random(2, 61, 66, 34, 9);
        for (Normalization norm : new Normalization[] {Normalization.PER_FILTER, Normalization.PER_LAYER}) {
            for (int gap : new int[] {0, 1, 3}) {
                for (Tensor layer : new Tensor[] {small, small.toNhwc(), enlarged(small, 2, 3), enlarged(small.toNhwc(), 2, 3)}) {
                    FilterGrid.Settings s = new FilterGrid.Settings(ColorMap.VIRIDIS, norm, 4, null, gap, 1);
                    FilterGrid g = FilterGrid.render(layer, s);
                    String what = norm + ", gap " + gap + ", " + layer;
                    assertNotNull(g.preview(), what);
                    assertFalse(g.imageDrawn(), "the full image waits until it is asked for: " + what);
                    int step = (Math.max(g.layout().width(), g.layout().height()) + 1023) / 1024;
                    step += step % 2 == 0 ? 1 : 0;
                    assertArrayEquals(g.image().sampled(step).pixels(), g.preview().pixels(), what);
                    assertTrue(g.imageDrawn());
                }
            }
        }
    }

    @Test
    void aTensorThatIsNotALayerIsRefusedInWords() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FilterGrid.render(Tensor.zeros(2, 3), FilterGrid.Settings.of(ColorMap.GRAY, Normalization.PER_LAYER, 1)));
        assertEquals("a filter grid needs a (N, C, H, W) layer, got Tensor(2, 3)", e.getMessage());
    }

    /** A tensor enlarged by nearest neighbours, computed only when read, as the executor keeps a skipped upsampling. */
    private static Tensor enlarged(Tensor small, int fH, int fW) {
        return Tensor.enlarged(small, fH, fW, x -> {
            int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
            float[] out = new float[n * c * h * fH * w * fW];
            for (int b = 0; b < n; b++) {
                for (int y = 0; y < h * fH; y++) {
                    for (int xx = 0; xx < w * fW; xx++) {
                        for (int ch = 0; ch < c; ch++) {
                            out[((b * h * fH + y) * w * fW + xx) * c + ch] = x.get(b, ch, y / fH, xx / fW);
                        }
                    }
                }
            }
            return out;
        });
    }

    @Test
    void anEnlargementIsDrawnFromItsSourceWithTheSamePixelsAndWithoutComputingIt() {
        Tensor small = random(2, 5, 3, 4, 7);
        for (Normalization norm : Normalization.values()) {
            for (int[] f : new int[][] {{2, 2}, {4, 4}, {1, 3}, {3, 2}}) {
                FilterGrid.Settings s = new FilterGrid.Settings(ColorMap.MAGMA, norm, 2, new ValueRange(-1, 1.5f), 1, 1);
                Tensor lazy = enlarged(small, f[0], f[1]);
                FilterGrid fromSource = FilterGrid.render(lazy, s);
                assertFalse(lazy.materialized(), "the grid must not compute the enlarged values");
                assertEquals(ValueRange.of(enlarged(small, f[0], f[1]).data()), ValueRange.of(lazy));
                Tensor computed = enlarged(small, f[0], f[1]);
                computed.data();
                FilterGrid direct = FilterGrid.render(computed, s);
                assertEquals(direct.layout(), fromSource.layout());
                assertArrayEquals(direct.image().pixels(), fromSource.image().pixels(), norm + " " + Arrays.toString(f));
                assertArrayEquals(ValueRange.perChannel(computed, 1), ValueRange.perChannel(lazy, 1));
            }
        }
    }
}
