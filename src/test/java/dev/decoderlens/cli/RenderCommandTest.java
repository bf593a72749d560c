package dev.decoderlens.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.export.Branch;
import dev.decoderlens.export.ExportService;
import dev.decoderlens.export.ExportSource;
import dev.decoderlens.export.GridOptions;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.Session;
import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code render} invoked in-process on the bundled raccoon sample, with a small crop to stay quick. */
class RenderCommandTest {
    static final Path RACCOON = Path.of("assets/samples/raccoon.png");

    @TempDir
    Path dir;

    record Outcome(int status, String out, String err) {
    }

    /** {@code decoderlens render ARGS} through the real entry point, with its error handling. */
    static Outcome render(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "render";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.execute(all, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    @Test
    void theOriginalReportPresetRendersHeadless() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = render("--preset", "original-report", "--image", RACCOON.toString(), "--crop", "200,50,64,64", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(Files.size(out.resolve("comparison.png")) > 0);
        for (String f : new String[] {"A-up1.png", "A-up2.png", "A-conv_out.png", "B-deconv1.png", "B-deconv2.png", "B-conv_out.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        JsonObject report = JsonParser.parseString(Files.readString(out.resolve("report.json"))).getAsJsonObject();
        var layersB = report.getAsJsonObject("networks").getAsJsonObject("B").getAsJsonArray("layers");
        JsonObject deconv2 = layersB.get(1).getAsJsonObject();
        assertEquals("deconv2", deconv2.get("name").getAsString());
        assertEquals("[1,64,18,18]", deconv2.get("shape").toString()); // 64 -> 16 -> 17 -> 18: stride 1 adds k - 1
        assertTrue(deconv2.get("max").getAsDouble() >= deconv2.get("mean").getAsDouble());
        assertEquals("original-report", report.getAsJsonObject("session").get("preset").getAsString());
        // analysis measures: up1 is a nearest x2 resize, so its four phases have equal means (phase measure 0),
        // while B's stride-1 layers are not upsampled and carry no checkerboard measure at all
        JsonObject up1 = report.getAsJsonObject("networks").getAsJsonObject("A").getAsJsonArray("layers").get(0).getAsJsonObject();
        assertEquals("up1", up1.get("name").getAsString());
        assertEquals(2, up1.getAsJsonObject("checkerboard").get("period").getAsInt());
        assertEquals(0.0, up1.getAsJsonObject("checkerboard").get("phase").getAsDouble(), 1e-6);
        assertTrue(!deconv2.has("checkerboard"));
        assertTrue(report.getAsJsonObject("networks").getAsJsonObject("B").getAsJsonArray("warnings").toString().contains("stride 1"));
    }

    @Test
    void renderWritesTheSameBytesAsTheExportServiceForTheSameSettings() throws IOException {
        Path out = dir.resolve("out");
        Outcome o = render("--preset", "checkerboard-k3s2", "--image", RACCOON.toString(), "--crop", "300,100,32,32",
                "--layers", "B:deconv1", "--scale", "3", "--colormap", "rdbu", "--normalization", "shared", "--npy", "--out", out.toString());
        assertEquals(0, o.status(), o.err());

        var crop = Images.read(RACCOON).crop(300, 100, 32, 32);
        var settings = Preset.CHECKERBOARD_K3S2.settings();
        ExperimentResult r = new ExperimentRunner().run(crop, settings);
        GridOptions opts = new GridOptions(3, ColorMap.RDBU, Normalization.SHARED);
        Session s = new Session(Session.ImageRef.of(RACCOON), new Preset.Crop(300, 100, 32, 32), "checkerboard-k3s2", settings,
                new Session.View(null, null, opts.colorMap(), opts.normalization(), opts.scale()));
        byte[] expected = new ExportService().gridPng(new ExportSource(s, r), Branch.B, "deconv1", opts);
        assertArrayEquals(expected, Files.readAllBytes(out.resolve("B-deconv1.png")));
        assertArrayEquals(r.pathB().activation("deconv1").toRowMajor().data(), dev.decoderlens.io.Npy.read(out.resolve("B-deconv1.npy")).data());

        Outcome again = render("--preset", "checkerboard-k3s2", "--image", RACCOON.toString(), "--crop", "300,100,32,32",
                "--layers", "B:deconv1", "--out", out.toString());
        assertEquals(1, again.status());
        assertTrue(again.err().startsWith("error: ") && again.err().contains("already exists"), again.err());
    }

    @Test
    void aFolderOfImagesGivesOneSubFolderPerImageAndASessionReproducesTheSettings() throws IOException {
        Path images = Files.createDirectory(dir.resolve("images"));
        var raccoon = javax.imageio.ImageIO.read(RACCOON.toFile());
        javax.imageio.ImageIO.write(raccoon.getSubimage(0, 0, 24, 24), "png", images.resolve("one.png").toFile());
        javax.imageio.ImageIO.write(raccoon.getSubimage(100, 100, 24, 24), "png", images.resolve("two.png").toFile());
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Path out = dir.resolve("out");
        Outcome o = render("--preset", "even-overlap-k4s2", "--image", images.toString(), "--layers", "conv_out", "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        for (String name : new String[] {"one", "two"}) {
            assertTrue(Files.exists(out.resolve(name).resolve("comparison.png")), name);
            assertTrue(Files.exists(out.resolve(name).resolve("A-conv_out.png")), name);
            assertTrue(Files.exists(out.resolve(name).resolve("B-conv_out.png")), name);
        }
        assertEquals(2, Files.list(out).count());

        // the sidecar of a grid is a session: rendering from it gives the same picture
        Path again = dir.resolve("again");
        o = render("--session", out.resolve("two").resolve("B-conv_out.json").toString(), "--layers", "B:conv_out", "--out", again.toString());
        assertEquals(0, o.status(), o.err());
        assertArrayEquals(Files.readAllBytes(out.resolve("two").resolve("B-conv_out.png")), Files.readAllBytes(again.resolve("B-conv_out.png")));
    }

    @Test
    void listPresetsGivesEachPresetWithItsExplanation() {
        Outcome o = render("--list-presets");
        assertEquals(0, o.status());
        for (Preset p : Preset.values()) {
            assertTrue(o.out().contains(p.id()) && o.out().contains(p.explanation()), p.id());
        }
    }

    @Test
    void anUnwritableOutputFolderIsOneClearError() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Outcome o = render("--image", RACCOON.toString(), "--crop", "0,0,16,16", "--out", file.resolve("sub").toString());
        assertEquals(1, o.status());
        assertTrue(o.err().startsWith("error: cannot create the folder " + file.resolve("sub")), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
    }

    @Test
    void badArgumentsAreNamed() {
        assertTrue(render("--image", RACCOON.toString(), "--preset", "nope", "--out", dir.toString()).err()
                .contains("unknown preset 'nope'"));
        assertTrue(render("--image", RACCOON.toString(), "--crop", "1,2,3", "--out", dir.toString()).err()
                .contains("--crop needs X,Y,W,H"));
        assertTrue(render("--image", RACCOON.toString(), "--crop", "5000,0,64,64", "--out", dir.toString()).err()
                .contains("does not fit"));
    }
}
