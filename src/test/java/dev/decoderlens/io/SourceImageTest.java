package dev.decoderlens.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import org.junit.jupiter.api.Test;

class SourceImageTest {
    // 3x2: row 0 = red, green, blue; row 1 = black, white, (10, 20, 30)
    private static final SourceImage IMG = new SourceImage(3, 2, new int[] {0xff0000, 0x00ff00, 0x0000ff, 0, 0xffffff, 0x0a141e}, "");

    @Test
    void cropCopiesTheRectangleAndRefusesOneOutside() {
        SourceImage c = IMG.crop(1, 0, 2, 2);
        assertEquals(2, c.width());
        assertEquals(0x00ff00, c.rgb(0, 0));
        assertEquals(0x0a141e, c.rgb(1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IMG.crop(2, 0, 2, 2));
        assertEquals("crop (2, 0, 2x2) does not fit a 3x2 image", e.getMessage());
    }

    @Test
    void tensorHasLogicalShapeNchwAndEachScaling() {
        Tensor raw = IMG.toTensor(InputScaling.RAW_0_255, ColorMode.RGB);
        assertArrayEquals(new int[] {1, 3, 2, 3}, raw.shape());
        assertEquals(255f, raw.get(0, 0, 0, 0));
        assertEquals(0f, raw.get(0, 1, 0, 0));
        assertEquals(30f, raw.get(0, 2, 1, 2));
        assertEquals(1f, IMG.toTensor(InputScaling.UNIT_0_1, ColorMode.RGB).get(0, 1, 0, 1));
        assertEquals(-1f, IMG.toTensor(InputScaling.SYMMETRIC_MINUS1_1, ColorMode.RGB).get(0, 0, 1, 0));
        // ImageNet: (1 - 0.485) / 0.229 for full red, (0 - 0.456) / 0.224 for no green
        Tensor in = IMG.toTensor(InputScaling.IMAGENET, ColorMode.RGB);
        assertEquals((1 - 0.485f) / 0.229f, in.get(0, 0, 0, 0), 1e-5);
        assertEquals(-0.456f / 0.224f, in.get(0, 1, 0, 0), 1e-5);
    }

    @Test
    void scalingRangesCoverEveryChannel() {
        assertArrayEquals(new float[] {0, 255}, InputScaling.RAW_0_255.range(false));
        assertArrayEquals(new float[] {-1, 1}, InputScaling.SYMMETRIC_MINUS1_1.range(true));
        float[] r = InputScaling.IMAGENET.range(false);
        assertEquals(-0.485f / 0.229f, r[0], 1e-5); // red has the lowest (0 - mean) / std
        assertEquals((1 - 0.406f) / 0.225f, r[1], 1e-5); // blue the highest (1 - mean) / std
    }

    @Test
    void greyUsesBt601Luma() {
        Tensor g = IMG.toTensor(InputScaling.RAW_0_255, ColorMode.GRAYSCALE);
        assertArrayEquals(new int[] {1, 1, 2, 3}, g.shape());
        assertEquals(0.299f * 255, g.get(0, 0, 0, 0), 1e-3);
        assertEquals(0.587f * 255, g.get(0, 0, 0, 1), 1e-3);
        assertEquals(255f, g.get(0, 0, 1, 1), 1e-3);
    }

    @Test
    void contentHashFollowsThePixels() {
        assertEquals(IMG.contentHash(), IMG.crop(0, 0, 3, 2).contentHash());
        assertNotEquals(IMG.crop(0, 0, 2, 2).contentHash(), IMG.crop(1, 0, 2, 2).contentHash());
        assertEquals(IMG.crop(1, 0, 2, 2), IMG.crop(1, 0, 2, 2));
    }

    @Test
    void resizingKeepsAConstantImageConstantAndGivesTheAskedSize() {
        int[] grey = new int[30 * 20];
        java.util.Arrays.fill(grey, 0x4080c0);
        SourceImage flat = new SourceImage(30, 20, grey, "");
        for (int[] size : new int[][] {{7, 5}, {60, 41}, {30, 9}, {1, 1}}) {
            SourceImage r = flat.resized(size[0], size[1]);
            assertEquals(size[0], r.width());
            assertEquals(size[1], r.height());
            for (int y = 0; y < r.height(); y++) {
                for (int x = 0; x < r.width(); x++) {
                    assertEquals(0x4080c0, r.rgb(x, y), "at " + x + "," + y + " for " + size[0] + "x" + size[1]);
                }
            }
        }
        assertSame(flat, flat.resized(30, 20));
    }

    @Test
    void shrinkingAveragesEverySourcePixel() {
        // 1-pixel stripes, black and white: a 4x shrink must give mid grey, not the colour of skipped samples.
        int w = 64;
        int[] stripes = new int[w * 8];
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = (i % w) % 2 == 0 ? 0 : 0xffffff;
        }
        SourceImage small = new SourceImage(w, 8, stripes, "").resized(16, 2);
        for (int x = 2; x < 14; x++) {
            int red = (small.rgb(x, 1) >> 16) & 0xff;
            assertTrue(Math.abs(red - 128) <= 12, "column " + x + " is " + red);
        }
    }

    @Test
    void enlargingAGradientStaysMonotonicAndWithinRange() {
        int[] ramp = new int[8];
        for (int x = 0; x < 8; x++) {
            ramp[x] = (x * 30) << 16;
        }
        SourceImage big = new SourceImage(8, 1, ramp, "").resized(29, 3);
        int previous = -1;
        for (int x = 0; x < 29; x++) {
            int red = (big.rgb(x, 1) >> 16) & 0xff;
            assertTrue(red >= previous && red <= 210, "column " + x + " is " + red);
            previous = red;
        }
    }
}
