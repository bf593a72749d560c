package dev.decoderlens.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.onnx.Tolerance;
import dev.decoderlens.io.Npy;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: files written, names, input binding, exit status and one-line errors. */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    static Path fixture(String name) throws Exception {
        return Path.of(CliTest.class.getResource("/fixtures/onnx/" + name).toURI());
    }

    private static void assertOneLineError(Result r, int status, String fragment) {
        assertEquals(status, r.status(), r.err());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, "one line, no stack trace: " + r.err());
        assertTrue(lines[0].startsWith("error: ") && lines[0].contains(fragment), r.err());
    }

    @Test
    void inferWritesTheOutputAsPyTorchComputedIt() throws Exception {
        Path out = tmp.resolve("out");
        Result r = run("infer", "--model", fixture("unet_small.onnx").toString(),
                "--input", fixture("unet_small.input.npy").toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Tensor y = Npy.read(out.resolve("y.npy"));
        assertNull(Tolerance.compare(y, Npy.read(fixture("unet_small.output.npy")), 1e-4, 1e-3));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count(), "only the graph output without --all");
        }
    }

    @Test
    void allWritesEveryLayerAndKeepsLayerValues() throws Exception {
        Path out = tmp.resolve("all");
        Result r = run("infer", "--model", fixture("pixel_shuffle.onnx").toString(),
                "--input", fixture("pixel_shuffle.input.npy").toString(), "--out", out.toString(), "--all");
        assertEquals(0, r.status(), r.err());
        List<Path> files;
        try (Stream<Path> s = Files.list(out)) {
            files = s.toList();
        }
        assertEquals(2, files.size(), "the Conv output and the DepthToSpace output y: " + files);
        Tensor conv = files.stream().filter(p -> !p.endsWith("y.npy")).map(CliTest::read).findFirst().orElseThrow();
        Tensor y = read(out.resolve("y.npy"));
        // PixelShuffle(2): y[n, c, 2h + i, 2w + j] = conv[n, 4c + 2i + j, h, w]
        assertEquals(conv.get(0, 4 * 1 + 2 + 1, 2, 3), y.get(0, 1, 5, 7));
        assertEquals(conv.get(0, 4 * 2, 3, 4), y.get(0, 2, 6, 8));
    }

    @Test
    void inputsBindByNameAndOutputNamesAreSanitised() throws Exception {
        float[] a = {1, -2, 3, 4, 5, -6};
        float[] b = {0, 1, 1, 5, 1, 1};
        Path fa = tmp.resolve("a.npy");
        Path fb = tmp.resolve("b.npy");
        Npy.write(Tensor.of(new int[] {2, 3}, a), fa);
        Npy.write(Tensor.of(new int[] {2, 3}, b), fb);
        Path out = tmp.resolve("named");
        Result r = run("infer", "--model", fixture("cli_two_inputs.onnx").toString(), "--input", "in/b=" + fb,
                "--input", fa.toString(), "--out", out.toString(), "--all");
        assertEquals(0, r.status(), r.err());
        float[] relu = read(out.resolve("out_relu.npy")).data();
        float[] diff = read(out.resolve("out_diff.npy")).data();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i] - b[i], diff[i]);
            assertEquals(Math.max(a[i] - b[i], 0), relu[i]);
        }
    }

    /** A channels-last Keras model: the .npy input is NHWC, as Keras takes it; the result must be Keras's own. */
    @Test
    void inferReadsKerasInputsInTheirOwnLayout() throws Exception {
        Path dir = Path.of(System.getProperty("decoderlens.shared",
                Path.of(System.getProperty("user.dir")).resolve("../shared").toString()))
                .resolve("keras-models/dl4j-test-resources/fullconfigs/cnn");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(dir), "../shared/keras-models is absent");
        Path out = tmp.resolve("keras");
        Result r = run("infer", "--model", dir.resolve("cnn_batch_norm.h5").toString(), "--input",
                dir.resolve("input.npy").toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        Path written;
        try (Stream<Path> s = Files.list(out)) {
            written = s.findFirst().orElseThrow();
        }
        assertNull(Tolerance.compare(read(written), Npy.read(dir.resolve("predictions.npy")), 1e-4, 1e-3));

        // An image-to-image Keras model: its output is written channels-last too, (N, H, W, C).
        Path ae = dir.resolve("../../../colourspark/autoencoder.keras").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(ae));
        Path x = tmp.resolve("gray.npy");
        Npy.write(Tensor.zeros(1, 96, 96, 1), x);
        Path aeOut = tmp.resolve("ae");
        Result r2 = run("infer", "--model", ae.toString(), "--input", x.toString(), "--out", aeOut.toString());
        assertEquals(0, r2.status(), r2.err());
        try (Stream<Path> s = Files.list(aeOut)) {
            int[] shape = read(s.findFirst().orElseThrow()).shape(); // (1, 96, 96, C), not (1, C, 96, 96)
            assertTrue(shape.length == 4 && shape[1] == 96 && shape[2] == 96 && shape[3] != 96, Arrays.toString(shape));
        }
    }

    @Test
    void benchEndsWithTheMedian() throws Exception {
        Result r = run("bench", "--model", fixture("dcgan_generator.onnx").toString(), "--warmup", "0", "--runs", "3");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("median_ms=\\d+\\.\\d+"), lines[lines.length - 1]);
        assertTrue(Arrays.stream(lines).anyMatch(l -> l.startsWith("ConvTranspose ")), r.out());
    }

    @Test
    void benchTakesASyntheticShape() throws Exception {
        Result r = run("bench", "--model", fixture("resize_bilinear_x2_dynamic.onnx").toString(), "--shape",
                "2,3,6,4", "--warmup", "0", "--runs", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("x (2, 3, 6, 4)"), r.out());
    }

    @Test
    void errorsAreOneLineWithNonZeroStatus() throws Exception {
        Path x = tmp.resolve("x.npy");
        Npy.write(Tensor.zeros(1, 3, 16, 16), x);
        Path out = tmp.resolve("o");
        assertOneLineError(run("infer", "--model", tmp.resolve("none.onnx").toString(), "--input", x.toString(),
                "--out", out.toString()), 1, "no such file");
        assertOneLineError(run("infer", "--model", fixture("bad_unsupported_op.onnx").toString(), "--input",
                x.toString(), "--out", out.toString()), 1, "unsupported operator Hardmax in node 'hardmax_1'");
        assertOneLineError(run("infer", "--model", fixture("bad_cycle.onnx").toString(), "--out", out.toString()), 1, "cycle");
        assertOneLineError(run("infer", "--model", fixture("bad_missing_tensor.onnx").toString(), "--out",
                out.toString()), 1, "'scale'");
        Path wrong = tmp.resolve("wrong.npy");
        Npy.write(Tensor.zeros(1, 4, 16, 16), wrong);
        assertOneLineError(run("infer", "--model", fixture("unet_small.onnx").toString(), "--input", wrong.toString(),
                "--out", out.toString()), 1, "input 'x' expects shape (1, 3, 16, 16) NCHW, got (1, 4, 16, 16)");
        assertOneLineError(run("infer", "--model", fixture("unet_small.onnx").toString(), "--out", out.toString()), 1,
                "needs input 'x'");
        Path cut = tmp.resolve("cut.onnx");
        byte[] whole = Files.readAllBytes(fixture("unet_small.onnx"));
        Files.write(cut, Arrays.copyOf(whole, whole.length / 3));
        assertOneLineError(run("bench", "--model", cut.toString()), 1, "truncated or damaged");
        Path png = tmp.resolve("image.onnx");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, 1), "png", png.toFile());
        assertOneLineError(run("bench", "--model", png.toString()), 1, "not a model file");
        assertOneLineError(run("infer", "--model", fixture("unet_small.onnx").toString(), "--out", out.toString(), "--bogus"), 2, "--bogus");
    }

    @Test
    void verbosePrintsTheStackTrace() throws Exception {
        Result r = run("infer", "--verbose", "--model", fixture("bad_cycle.onnx").toString(), "--out", tmp.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().startsWith("error: ") && r.err().contains("\tat "), r.err());
    }

    @Test
    void sanitisedNamesKeepOnlyPortableCharacters() {
        OutputNames names = new OutputNames();
        assertEquals("a_b_c.d-e.npy", names.fileFor("a/b:c.d-e"));
        assertEquals("a_b_c.d-e_2.npy", names.fileFor("a?b c.d-e"));
        assertEquals("__.npy", names.fileFor(".."));
    }

    private static Tensor read(Path p) {
        try {
            return Npy.read(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
