package dev.decoderlens.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.Npy;
import dev.decoderlens.io.Session;
import dev.decoderlens.render.ArgbImage;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.ColorScale;
import dev.decoderlens.render.FilterGrid;
import dev.decoderlens.render.Normalization;
import dev.decoderlens.render.ValueRange;
import java.awt.Point;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportServiceTest {
    @TempDir
    Path dir;

    final ExportService service = new ExportService();

    /** Where {@code part} sits in {@code sheet} pixel for pixel, or null. */
    static Point find(BufferedImage sheet, ArgbImage part) {
        for (int y = 0; y + part.height() <= sheet.getHeight(); y++) {
            search:
            for (int x = 0; x + part.width() <= sheet.getWidth(); x++) {
                for (int py = 0; py < part.height(); py++) {
                    for (int px = 0; px < part.width(); px++) {
                        if ((part.get(px, py) >>> 24) != 0 && ((sheet.getRGB(x + px, y + py) & 0xFFFFFF) != (part.get(px, py) & 0xFFFFFF))) {
                            continue search;
                        }
                    }
                }
                return new Point(x, y);
            }
        }
        return null;
    }

    @Test
    void anExportedGridHasOneTilePerFilterAndEachPixelIsTheColourOfItsValue() throws IOException {
        ExportSource src = SyntheticResults.source(Preset.CHECKERBOARD_K3S2, 16, 1);
        Tensor layer = Branch.B.run(src.result()).activation("deconv1"); // (1, 128, 8, 8)
        GridOptions opts = new GridOptions(3, ColorMap.MAGMA, Normalization.PER_LAYER);
        var written = service.exportGrid(src, Branch.B, "deconv1", opts, dir.resolve("B-deconv1.png"), false);
        BufferedImage png = ImageIO.read(written.png().toFile());

        FilterGrid grid = Pictures.grid(src, Branch.B, "deconv1", opts);
        assertEquals(128, grid.layout().tiles());
        assertEquals(8 * 3, grid.layout().tileWidth());
        assertEquals(8 * 3, grid.layout().tileHeight());
        Point at = find(png, grid.image());
        assertNotNull(at, "the grid is in the PNG unchanged");

        // the layer's range computed here, independently of the renderer
        float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
        for (float v : layer.data()) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        ColorScale expected = ColorScale.of(ColorMap.MAGMA, new ValueRange(lo, hi));
        for (int f : new int[] {0, 57, 127}) {
            for (int[] p : new int[][] {{0, 0}, {7, 7}, {3, 5}}) {
                int x = at.x + grid.layout().tileX(f) + p[0] * 3 + 2, y = at.y + grid.layout().tileY(f) + p[1] * 3 + 1;
                assertEquals(expected.argb(layer.get(0, f, p[1], p[0])) & 0xFFFFFF, png.getRGB(x, y) & 0xFFFFFF,
                        "filter " + f + " pixel " + p[0] + "," + p[1]);
            }
        }

        JsonObject side = JsonParser.parseString(Files.readString(written.sidecar())).getAsJsonObject();
        assertEquals(128, side.getAsJsonObject("grid").get("tiles").getAsInt());
        assertEquals(png.getWidth(), side.getAsJsonObject("grid").get("width").getAsInt());
        assertEquals(src.session(), Session.fromJson(side.getAsJsonObject("session")), "the sidecar holds the whole session");
        assertEquals(lo, side.getAsJsonObject("layer").get("min").getAsFloat());
        assertEquals(hi, side.getAsJsonObject("layer").get("max").getAsFloat());
        var measured = src.measures(Branch.B, "deconv1");
        assertEquals(measured.checkerboard().phase(), side.getAsJsonObject("layer").getAsJsonObject("checkerboard").get("phase").getAsDouble());
        assertEquals(measured.deadFilters(), side.getAsJsonObject("layer").get("deadFilters").getAsInt());
    }

    @Test
    void theSameSettingsGiveTheSameBytes() throws IOException {
        ExportSource src = SyntheticResults.source(Preset.SUBPIXEL_ICNR, 16, 2);
        GridOptions opts = new GridOptions(2, ColorMap.RDBU, Normalization.SHARED);
        var w = service.exportGrid(src, Branch.A, "conv1", opts, dir.resolve("a.png"), false);
        assertArrayEquals(Files.readAllBytes(w.png()), service.gridPng(src, Branch.A, "conv1", opts));
    }

    @Test
    void sharedNormalisationSpansTheMatchingLayerOfTheOtherPath() {
        ExportSource src = SyntheticResults.source(Preset.FIXED_STRIDES, 16, 3);
        // fixed-strides: A = up1, up2, conv_out; B = deconv1, deconv2, conv_out. Stage 1: up1 <-> deconv1.
        var a = src.result().pathA();
        var b = src.result().pathB();
        assertEquals("deconv1", Pictures.counterpart(src.layer(Branch.A, "up1"), b));
        assertEquals("conv_out", Pictures.counterpart(src.layer(Branch.B, "conv_out"), a));
        ValueRange r = Pictures.sharedRange(src, Branch.A, "up1");
        assertEquals(ValueRange.of(a.activation("up1")).union(ValueRange.of(b.activation("deconv1"))), r);
        // the window's view names the partner: that one wins over the stage match
        var s = src.session();
        ExportSource viewed = new ExportSource(new dev.decoderlens.io.Session(s.image(), s.crop(), s.preset(), s.settings(),
                new dev.decoderlens.io.Session.View("up1", "deconv2", ColorMap.GRAY, Normalization.SHARED, 1)), src.result());
        assertEquals(ValueRange.of(a.activation("up1")).union(ValueRange.of(b.activation("deconv2"))),
                Pictures.sharedRange(viewed, Branch.A, "up1"));
    }

    @Test
    void bothPathsSideBySideShareOneScaleOverExactlyTheTwoLayers() throws IOException {
        ExportSource src = SyntheticResults.source(Preset.FIXED_STRIDES, 16, 9);
        GridOptions opts = new GridOptions(2, ColorMap.VIRIDIS, Normalization.SHARED);
        var w = service.exportGridPair(src, "up2", "deconv2", opts, dir.resolve("pair.png"), false);
        BufferedImage png = ImageIO.read(w.png().toFile());
        ExportSource pair = new ExportSource(new Session(src.session().image(), src.session().crop(), src.session().preset(),
                src.session().settings(), new Session.View("up2", "deconv2", ColorMap.VIRIDIS, Normalization.SHARED, 2)), src.result());
        FilterGrid a = Pictures.grid(pair, Branch.A, "up2", opts), b = Pictures.grid(pair, Branch.B, "deconv2", opts);
        Point pa = find(png, a.image()), pb = find(png, b.image());
        assertNotNull(pa);
        assertNotNull(pb);
        assertTrue(pb.x > pa.x + a.image().width(), "B is right of A");
        ValueRange both = ValueRange.of(src.result().pathA().activation("up2")).union(ValueRange.of(src.result().pathB().activation("deconv2")));
        assertEquals(both, a.legend().range());
        assertEquals(both, b.legend().range());
        JsonObject side = JsonParser.parseString(Files.readString(w.sidecar())).getAsJsonObject();
        assertEquals("deconv2", side.getAsJsonArray("layers").get(1).getAsJsonObject().get("name").getAsString());
    }

    @Test
    void theComparisonShowsInputBothOutputsAndTheirDifference() throws IOException {
        ExportSource src = SyntheticResults.source(Preset.CHECKERBOARD_K3S2, 16, 4);
        var w = service.exportComparison(src, new GridOptions(2, ColorMap.VIRIDIS, Normalization.PER_LAYER), dir.resolve("c.png"), false);
        BufferedImage png = ImageIO.read(w.png().toFile());
        assertNotNull(find(png, Pictures.inputPicture(src.result()).scaled(2)), "the input crop");
        JsonObject side = JsonParser.parseString(Files.readString(w.sidecar())).getAsJsonObject();
        assertEquals("conv_out", side.getAsJsonObject("outputB").get("name").getAsString());
    }

    @Test
    void aGreyInputIsShownGreyAndOneChannelOutputsThroughTheColourMap() throws IOException {
        var settings = Preset.CHECKERBOARD_K3S2.settings().withColorMode(dev.decoderlens.io.ColorMode.GRAYSCALE);
        ExportSource src = SyntheticResults.source(Preset.CHECKERBOARD_K3S2, settings, 16, 10);
        assertEquals(1, src.result().pathB().output().dim(1));
        var w = service.exportComparison(src, new GridOptions(1, ColorMap.MAGMA, Normalization.PER_LAYER), dir.resolve("g.png"), false);
        BufferedImage png = ImageIO.read(w.png().toFile());
        ArgbImage input = Pictures.inputPicture(src.result());
        int p = input.get(3, 4);
        assertEquals((p >> 16) & 0xFF, p & 0xFF, "grey input: red = blue");
        assertNotNull(find(png, input));
        // sigmoid output drawn over 0..1 with the chosen map
        Tensor outB = src.result().pathB().output();
        ArgbImage expected = dev.decoderlens.render.OutputPicture.mapped(outB, 0, 0, ColorScale.of(ColorMap.MAGMA, new ValueRange(0, 1)));
        assertNotNull(find(png, expected));
    }

    @Test
    void activationsAreWrittenAsNchwFloat32() throws IOException {
        ExportSource src = SyntheticResults.source(Preset.ORIGINAL_REPORT, 16, 5);
        List<Path> files = service.exportActivations(src, Branch.B, null, dir, false);
        assertEquals(ExportService.layerNames(src, Branch.B).size(), files.size());
        Tensor t = Branch.B.run(src.result()).activation("deconv2");
        Tensor back = Npy.read(dir.resolve("B-deconv2.npy"));
        assertTrue(t.sameValues(back));
        assertArrayEquals(t.toRowMajor().data(), back.data());
    }

    @Test
    void nothingIsOverwrittenUnlessAsked() throws IOException {
        ExportSource src = SyntheticResults.source(Preset.ORIGINAL_REPORT, 16, 6);
        Path png = dir.resolve("g.png");
        service.exportGrid(src, Branch.A, "conv_out", GridOptions.DEFAULT, png, false);
        byte[] before = Files.readAllBytes(png);
        var e = assertThrows(FileAlreadyExistsException.class,
                () -> service.exportGrid(src, Branch.A, "conv_out", new GridOptions(4, ColorMap.GRAY, Normalization.PER_FILTER), png, false));
        assertTrue(e.getMessage().contains("g.png"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(png));
        service.exportGrid(src, Branch.A, "conv_out", new GridOptions(4, ColorMap.GRAY, Normalization.PER_FILTER), png, true);
        assertTrue(Files.readAllBytes(png).length != before.length);
    }

    @Test
    void anUnwritableDestinationGivesAClearMessage() throws IOException {
        ExportSource src = SyntheticResults.source(Preset.ORIGINAL_REPORT, 16, 7);
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        var e = assertThrows(IOException.class, () -> service.exportGrid(src, Branch.A, "conv_out", GridOptions.DEFAULT,
                file.resolve("g.png"), false));
        assertEquals(file + " is a file, not a folder", e.getMessage());
        e = assertThrows(IOException.class, () -> service.exportComparison(src, GridOptions.DEFAULT, dir.resolve("missing/c.png"), false));
        assertEquals("the folder " + dir.resolve("missing") + " does not exist", e.getMessage());

        Path ro = Files.createDirectory(dir.resolve("read-only"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(ro), "running as root: permissions do not stop writes");
            e = assertThrows(IOException.class, () -> service.exportActivations(src, Branch.A, null, ro, false));
            assertEquals("no permission to write in " + ro, e.getMessage());
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void anUnknownLayerIsNamedWithTheLayersThereAre() {
        ExportSource src = SyntheticResults.source(Preset.ORIGINAL_REPORT, 16, 8);
        var e = assertThrows(IllegalArgumentException.class,
                () -> service.exportGrid(src, Branch.B, "nope", GridOptions.DEFAULT, dir.resolve("x.png"), false));
        assertEquals("path B has no layer 'nope' (its layers: deconv1, deconv2, conv_out)", e.getMessage());
    }
}
