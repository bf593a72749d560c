package dev.decoderlens.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labelled sheets drawn headless with Java2D, and PNG round trips. */
class SheetsTest {
    @TempDir
    Path dir;

    static boolean contains(BufferedImage sheet, ArgbImage part) {
        for (int y = 0; y + part.height() <= sheet.getHeight(); y++) {
            for (int x = 0; x + part.width() <= sheet.getWidth(); x++) {
                if (matches(sheet, part, x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(BufferedImage sheet, ArgbImage part, int x0, int y0) {
        for (int y = 0; y < part.height(); y++) {
            for (int x = 0; x < part.width(); x++) {
                if ((part.get(x, y) >>> 24) != 0 && ((sheet.getRGB(x0 + x, y0 + y) & 0xFFFFFF) != (part.get(x, y) & 0xFFFFFF))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void aGridSheetHoldsTheGridPixelsUnchangedAndIsTheSameEachTime() throws IOException {
        Tensor t = FilterGridTest.random(1, 12, 6, 6, 3);
        FilterGrid g = FilterGrid.render(t, FilterGrid.Settings.of(ColorMap.RDBU, Normalization.PER_LAYER, 2));
        List<String> title = List.of("raccoon.png  crop 0,0 64x64", "path A  conv2d_3  (1, 12, 6, 6)");
        BufferedImage sheet = GridSheet.compose(g, title);
        assertTrue(sheet.getWidth() > g.image().width() && sheet.getHeight() > g.image().height());
        assertTrue(contains(sheet, g.image()), "the grid is in the sheet pixel for pixel");
        byte[] png = PngFiles.encode(sheet);
        assertArrayEquals(png, PngFiles.encode(GridSheet.compose(g, title)), "same settings, same bytes");
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(sheet.getRGB(sheet.getWidth() / 2, sheet.getHeight() / 2), back.getRGB(sheet.getWidth() / 2, sheet.getHeight() / 2));
    }

    @Test
    void aComparisonShowsEachPictureAndAMessageWhereThereIsNone() {
        Tensor rgb = FilterGridTest.random(1, 3, 8, 8, 4);
        ArgbImage in = OutputPicture.draw(rgb, 0, ColorMap.GRAY, new ValueRange(-1, 1)).scaled(2);
        Tensor one = FilterGridTest.random(1, 1, 8, 8, 5);
        ColorScale s = ColorScale.of(ColorMap.VIRIDIS, ValueRange.of(one));
        ArgbImage out = OutputPicture.mapped(one, 0, 0, s).scaled(2);
        BufferedImage sheet = ComparisonSheet.compose(List.of("comparison"), List.of(
                new ComparisonSheet.Panel("input crop", in, null, "range -1 .. 1"),
                new ComparisonSheet.Panel("path A", out, s, "range"),
                ComparisonSheet.Panel.message("path B", "stride 1 gives 9x9x64, not 16x16x3")));
        assertTrue(contains(sheet, in));
        assertTrue(contains(sheet, out));
    }

    @Test
    void rgbPicturesPlaceEachChannelInTheRange() {
        Tensor t = Tensor.of(new int[] {1, 3, 1, 2}, new float[] {0, 255, 127.5f, 300, -5, 51});
        ArgbImage img = OutputPicture.rgb(t, 0, new ValueRange(0, 255));
        assertEquals(0xFF008000, img.get(0, 0)); // r=0, g=127.5 -> 128, b=-5 clamps to 0
        assertEquals(0xFFFFFF33, img.get(1, 0)); // r=255, g=300 clamps, b=51
    }

    @Test
    void writingRefusesToOverwriteUnlessAskedAndNamesAMissingFolder() throws IOException {
        ArgbImage img = ArgbImage.filled(3, 2, 0xFF336699);
        Path f = dir.resolve("a.png");
        PngFiles.write(img, f, false);
        assertEquals(0xFF336699, ImageIO.read(f.toFile()).getRGB(2, 1));
        assertThrows(FileAlreadyExistsException.class, () -> PngFiles.write(img, f, false));
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f),
                "an exported file gets the usual permissions, not a temporary file's owner-only ones");
        Files.delete(plain);
        PngFiles.write(ArgbImage.filled(3, 2, 0xFF000000), f, true);
        assertEquals(0xFF000000, ImageIO.read(f.toFile()).getRGB(0, 0));
        var e = assertThrows(IOException.class, () -> PngFiles.write(img, dir.resolve("missing/a.png"), false));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
