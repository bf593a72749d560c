package dev.decoderlens.importer.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.GraphException;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not usable ONNX models: each gives one clear line naming the file (and node and op where known). */
class OnnxBadInputTest {
    @TempDir
    Path tmp;

    private static ImportException refused(Path file) {
        ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(file));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void truncatedFileIsReportedAsTruncated() throws Exception {
        byte[] whole = Files.readAllBytes(OnnxFixtureTest.fixtures().resolve("unet_small.onnx"));
        for (int cut : List.of(whole.length / 2, whole.length - 1, 40)) {
            Path f = tmp.resolve("cut" + cut + ".onnx");
            Files.write(f, Arrays.copyOf(whole, cut));
            String m = refused(f).getMessage();
            assertTrue(m.contains("truncated or damaged"), m);
        }
    }

    @Test
    void randomBytesAreNotTakenForAModel() throws Exception {
        Random r = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1000 + r.nextInt(5000)];
            r.nextBytes(junk);
            Path f = tmp.resolve("junk" + i + ".onnx");
            Files.write(f, junk);
            String m = refused(f).getMessage();
            assertTrue(m.contains("not a model file") || m.contains("not a valid ONNX file"), m);
        }
    }

    @Test
    void pngRenamedOnnxIsNotAModel() throws Exception {
        Path f = tmp.resolve("photo.onnx");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", f.toFile());
        assertTrue(refused(f).getMessage().contains("not a model file DecoderLens can read"));
    }

    @Test
    void emptyFileIsRefused() throws Exception {
        Path f = tmp.resolve("empty.onnx");
        Files.write(f, new byte[0]);
        assertTrue(refused(f).getMessage().contains("empty"));
    }

    @Test
    void unsupportedOperatorNamesOperatorAndNode() throws Exception {
        Path f = OnnxFixtureTest.fixtures().resolve("bad_unsupported_op.onnx");
        ImportException e = refused(f);
        assertTrue(e instanceof UnsupportedOperatorException);
        assertEquals(List.of("Hardmax"), ((UnsupportedOperatorException) e).operators());
        assertTrue(e.getMessage().contains("unsupported operator Hardmax in node 'hardmax_1'"), e.getMessage());
    }

    @Test
    void cycleNamesItsNodes() throws Exception {
        String m = refused(OnnxFixtureTest.fixtures().resolve("bad_cycle.onnx")).getMessage();
        assertTrue(m.contains("cycle") && m.contains("add_1") && m.contains("relu_1"), m);
    }

    @Test
    void missingTensorNamesNodeAndTensor() throws Exception {
        String m = refused(OnnxFixtureTest.fixtures().resolve("bad_missing_tensor.onnx")).getMessage();
        assertTrue(m.contains("'mul_1'") && m.contains("'scale'") && m.contains("no node, input or initializer"), m);
    }

    @Test
    void wrongInputShapeNamesTheNode() throws Exception {
        ImportedModel m = new OnnxImporter().open(OnnxFixtureTest.fixtures().resolve("unet_small.onnx"));
        Tensor fourChannels = Tensor.zeros(1, 4, 16, 16);
        GraphException e = assertThrows(GraphException.class,
                () -> new Executor().run(m.graph(), Map.of(m.inputs().get(0).name(), fourChannels)));
        assertTrue(e.getMessage().contains("(Conv)"), e.getMessage());
    }

    @Test
    void externalDataIsRefusedClearly() throws Exception {
        // A TensorProto initializer with data_location = EXTERNAL (field 14 = 1), inside a minimal ModelProto.
        byte[] tensor = {0x08, 0x01, 0x10, 0x01, 0x42, 0x01, 'w', 0x70, 0x01};
        byte[] graph = concat(new byte[] {0x2a, (byte) tensor.length}, tensor);
        byte[] model = concat(new byte[] {0x08, 0x07, 0x3a, (byte) graph.length}, graph);
        Path f = tmp.resolve("external.onnx");
        Files.write(f, model);
        String m = refused(f).getMessage();
        assertTrue(m.contains("tensor 'w'") && m.contains("external file"), m);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
