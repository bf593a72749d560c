package dev.decoderlens.importer.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import dev.decoderlens.io.Npy;
import io.jhdf.HdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file layouts without a real sample in ../shared, written here in the layout Keras uses (HDF5 via jhdf), with
 * the weights, input and expected output of a semantics fixture, and the one-line refusals. The importer is chosen
 * by the first bytes, so the files get misleading names on purpose.
 */
class KerasFileFormatsTest {
    @TempDir
    Path dir;

    /**
     * Keras 2.13 .keras: weights under _layer_checkpoint_dependencies/<path>/vars/<i>, where the path comes from the
     * layer's class (conv2d_transpose), not its name ("deconv").
     */
    @Test
    void keras213ArchiveWithCheckpointDependencies() throws Exception {
        JsonObject c = fixture("deconv_same_k3_s2_op1");
        Path weights = dir.resolve("w.h5");
        try (var h5 = HdfFile.write(weights)) {
            WritableGroup vars = h5.putGroup("_layer_checkpoint_dependencies").putGroup("conv2d_transpose").putGroup("vars");
            vars.putDataset("0", nested(npy("deconv_same_k3_s2_op1", "deconv.0.npy")));
            vars.putDataset("1", nested(npy("deconv_same_k3_s2_op1", "deconv.1.npy")));
        }
        Path file = dir.resolve("model.h5"); // a zip, whatever the name says
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "metadata.json", "{\"keras_version\": \"2.13.1\"}".getBytes(StandardCharsets.UTF_8));
            put(zip, "config.json", c.get("model").toString().getBytes(StandardCharsets.UTF_8));
            put(zip, "model.weights.h5", Files.readAllBytes(weights));
        }
        ImportedModel m = ModelImporters.open(file);
        assertEquals("Keras archive (Keras 2.13.1)", m.format());
        assertMatchesFixture(m, "deconv_same_k3_s2_op1");
    }

    /** Keras 3 .keras with renamed layers: layers/<snake_case class>[_n]/vars, in model order. */
    @Test
    void keras3ArchiveAddressesLayersByClass() throws Exception {
        String kase = "functional_keras3_mix";
        JsonObject c = fixture(kase);
        Path weights = dir.resolve("w.h5");
        String[][] layers = {{"sep", "separable_conv2d"}, {"bn", "batch_normalization"}, {"side", "conv2d"},
                {"dw", "depthwise_conv2d"}, {"dense", "dense"}};
        try (var h5 = HdfFile.write(weights)) {
            WritableGroup root = h5.putGroup("layers");
            root.putGroup("input_layer").putGroup("vars");
            for (String[] l : layers) {
                WritableGroup vars = root.putGroup(l[1]).putGroup("vars");
                JsonArrayFiles.each(c, l[0], (i, file) -> vars.putDataset(String.valueOf(i), nested(npy(kase, file))));
            }
        }
        Path file = dir.resolve("model.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "metadata.json", "{\"keras_version\": \"3.3.3\"}".getBytes(StandardCharsets.UTF_8));
            put(zip, "config.json", c.get("model").toString().getBytes(StandardCharsets.UTF_8));
            put(zip, "model.weights.h5", Files.readAllBytes(weights));
        }
        ImportedModel m = ModelImporters.open(file);
        Tensor x = KerasTestSupport.fromNhwc(npy(kase, "x.npy"));
        KerasTestSupport.assertClose(npy(kase, "y.npy"), KerasTestSupport.run(m, x), kase);
    }

    @Test
    void archivePathsCountPerClassInModelOrder() throws Exception {
        ModelConfig mc = ModelConfig.parse("""
                {"class_name": "Sequential", "config": {"layers": [
                  {"class_name": "InputLayer", "config": {"name": "in", "batch_shape": [null, 8, 8, 1]}},
                  {"class_name": "Conv2D", "config": {"name": "enc"}},
                  {"class_name": "Conv2DTranspose", "config": {"name": "up"}},
                  {"class_name": "Conv2D", "config": {"name": "dec"}},
                  {"class_name": "LeakyReLU", "config": {"name": "act"}},
                  {"class_name": "Conv2D", "config": {"name": "out"}}]}}""");
        var paths = new java.util.HashMap<String, String>();
        mc.layers().forEach(l -> paths.put(l.config().name(), l.config().archivePath()));
        assertEquals(java.util.Map.of("in", "input_layer", "enc", "conv2d", "up", "conv2d_transpose", "dec", "conv2d_1",
                "act", "leaky_re_lu", "out", "conv2d_2"), paths);
    }

    /**
     * A Sequential model used as a layer of a Functional one (the usual autoencoder = Model(x, decoder(encoder(x)))):
     * legacy HDF5 keeps the nested model's weights in one group, listed together in its weight_names.
     */
    @Test
    void nestedModelInLegacyHdf5() throws Exception {
        String kase = "flatten_dense_channels_last";
        JsonObject c = fixture(kase);
        String config = outer(c, "[[[\"img\", 0, 0, {}]]]");
        Path file = dir.resolve("nested.h5");
        try (var h5 = HdfFile.write(file)) {
            h5.putAttribute("model_config", config);
            h5.putAttribute("keras_version", "2.4.0");
            WritableGroup weights = h5.putGroup("model_weights");
            WritableGroup inner = weights.putGroup("inner");
            inner.putAttribute("weight_names", new String[] {"conv/kernel:0", "conv/bias:0", "dense/kernel:0", "dense/bias:0"});
            WritableGroup conv = inner.putGroup("conv");
            conv.putDataset("kernel:0", nested(npy(kase, "conv.0.npy")));
            conv.putDataset("bias:0", nested(npy(kase, "conv.1.npy")));
            WritableGroup dense = inner.putGroup("dense");
            dense.putDataset("kernel:0", nested(npy(kase, "dense.0.npy")));
            dense.putDataset("bias:0", nested(npy(kase, "dense.1.npy")));
        }
        ImportedModel m = ModelImporters.open(file);
        Tensor x = KerasTestSupport.fromNhwc(npy(kase, "x.npy"));
        KerasTestSupport.assertClose(npy(kase, "y.npy"), KerasTestSupport.run(m, x), "nested model, legacy HDF5");
    }

    /** The same in a Keras 3 archive: layers/sequential/layers/<class path>/vars. */
    @Test
    void nestedModelInKeras3Archive() throws Exception {
        String kase = "flatten_dense_channels_last";
        JsonObject c = fixture(kase);
        String config = outer(c, "[{\"args\": [{\"class_name\": \"__keras_tensor__\", \"config\": "
                + "{\"keras_history\": [\"img\", 0, 0]}}], \"kwargs\": {}}]");
        Path weights = dir.resolve("w.h5");
        try (var h5 = HdfFile.write(weights)) {
            WritableGroup layers = h5.putGroup("layers").putGroup("sequential").putGroup("layers");
            WritableGroup conv = layers.putGroup("conv2d").putGroup("vars");
            conv.putDataset("0", nested(npy(kase, "conv.0.npy")));
            conv.putDataset("1", nested(npy(kase, "conv.1.npy")));
            WritableGroup dense = layers.putGroup("dense").putGroup("vars");
            dense.putDataset("0", nested(npy(kase, "dense.0.npy")));
            dense.putDataset("1", nested(npy(kase, "dense.1.npy")));
        }
        Path file = dir.resolve("nested.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "metadata.json", "{\"keras_version\": \"3.3.3\"}".getBytes(StandardCharsets.UTF_8));
            put(zip, "config.json", config.getBytes(StandardCharsets.UTF_8));
            put(zip, "model.weights.h5", Files.readAllBytes(weights));
        }
        ImportedModel m = ModelImporters.open(file);
        Tensor x = KerasTestSupport.fromNhwc(npy(kase, "x.npy"));
        KerasTestSupport.assertClose(npy(kase, "y.npy"), KerasTestSupport.run(m, x), "nested model, Keras 3 archive");
    }

    /** A Functional model: input "img" -> the fixture's Sequential model as layer "inner". */
    private static String outer(JsonObject fixture, String inboundNodes) {
        JsonObject seq = fixture.getAsJsonObject("model").getAsJsonObject("config").deepCopy();
        seq.addProperty("name", "inner");
        return """
                {"class_name": "Functional", "config": {"name": "outer", "layers": [
                  {"class_name": "InputLayer", "name": "img", "config": {"name": "img", "batch_input_shape": [null, 5, 6, 3]},
                   "inbound_nodes": []},
                  {"class_name": "Sequential", "name": "inner", "config": %s, "inbound_nodes": %s}],
                 "input_layers": [["img", 0, 0]], "output_layers": [["inner", 0, 0]]}}""".formatted(seq, inboundNodes);
    }

    /** Walks the weight files a fixture lists for one layer. */
    private static final class JsonArrayFiles {
        interface Each {
            void accept(int index, String file) throws IOException;
        }

        static void each(JsonObject c, String layer, Each each) throws IOException {
            var files = c.getAsJsonObject("weights").getAsJsonArray(layer);
            for (int i = 0; i < files.size(); i++) {
                each.accept(i, files.get(i).getAsString());
            }
        }
    }

    /** Keras 1 model.save(): model_config attribute, model_weights/<layer> with flat names such as layer_W:0. */
    @Test
    void keras1LegacyHdf5WithFlatWeightNames() throws Exception {
        String kase = "keras1_deconvolution2d_same";
        JsonObject c = fixture(kase);
        Path file = dir.resolve("model.keras"); // HDF5, despite the name
        try (var h5 = HdfFile.write(file)) {
            h5.putAttribute("model_config", c.get("model").toString());
            h5.putAttribute("keras_version", "1.2.2");
            h5.putAttribute("backend", "tensorflow");
            WritableGroup layer = h5.putGroup("model_weights").putGroup("deconvolution2d_1");
            layer.putAttribute("weight_names", new String[] {"deconvolution2d_1_W:0", "deconvolution2d_1_b:0"});
            layer.putDataset("deconvolution2d_1_W:0", nested(npy(kase, "deconvolution2d_1.0.npy")));
            layer.putDataset("deconvolution2d_1_b:0", nested(npy(kase, "deconvolution2d_1.1.npy")));
        }
        ImportedModel m = ModelImporters.open(file);
        assertEquals("Keras HDF5 (Keras 1.2.2)", m.format());
        assertMatchesFixture(m, kase);
    }

    @Test
    void weightsOnlyFileWithoutItsJsonIsRefused() throws Exception {
        Path file = dir.resolve("weights.h5");
        try (var h5 = HdfFile.write(file)) {
            h5.putAttribute("layer_names", new String[] {"dense_1"});
            h5.putGroup("dense_1").putAttribute("weight_names", new String[] {"dense_1_W"});
        }
        ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(file));
        assertEquals(file + ": holds weights only (save_weights); put the model's to_json() output beside it as weights.json",
                e.getMessage());
    }

    @Test
    void unsupportedLayerIsNamedWithItsClass() throws Exception {
        String config = """
                {"class_name": "Sequential", "config": [
                  {"class_name": "Dense", "config": {"name": "d", "batch_input_shape": [null, 4], "units": 2}},
                  {"class_name": "LSTM", "config": {"name": "memory", "units": 3}}]}""";
        Path file = legacy(config, "d", new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(file));
        assertEquals(file + ": layer 'memory' (LSTM) is not supported", e.getMessage());
    }

    @Test
    void weightsThatDoNotFitTheLayerAreRefusedWithBothShapes() throws Exception {
        String config = """
                {"class_name": "Sequential", "config": [
                  {"class_name": "Dense", "config": {"name": "d", "batch_input_shape": [null, 3], "units": 2}}]}""";
        Path file = legacy(config, "d", new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}});
        ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(file));
        assertEquals(file + ": layer 'd' (Dense): kernel d/kernel:0(4, 2) does not map 3 features to 2 units", e.getMessage());
    }

    @Test
    void brokenConfigurationJsonIsOneLine() throws Exception {
        Path file = legacy("{\"class_name\": \"Sequential\", \"config\": [", "d", new float[][] {{1}});
        ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(file));
        assertTrue(e.getMessage().startsWith(file + ": the model configuration is not valid JSON"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }

    @Test
    void zipWithoutKerasConfigIsNotTakenForAKerasArchive() throws Exception {
        Path file = dir.resolve("other.keras");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            put(zip, "readme.txt", new byte[] {'x'});
        }
        assertTrue(!new KerasArchiveImporter().matches(file, Files.readAllBytes(file)));
        ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(file));
        assertTrue(e.getMessage().contains("not a model file DecoderLens can read"), e.getMessage());
    }

    /** A legacy model file holding one Dense layer's kernel (and no bias). */
    private Path legacy(String config, String layer, float[][] kernel) throws IOException {
        Path file = dir.resolve("m.h5");
        try (var h5 = HdfFile.write(file)) {
            h5.putAttribute("model_config", config);
            h5.putAttribute("keras_version", "2.4.0");
            WritableGroup g = h5.putGroup("model_weights").putGroup(layer);
            g.putAttribute("weight_names", new String[] {layer + "/kernel:0"});
            g.putGroup(layer).putDataset("kernel:0", kernel);
        }
        return file;
    }

    private static void assertMatchesFixture(ImportedModel m, String kase) throws IOException {
        Tensor x = KerasTestSupport.fromNhwc(npy(kase, "x.npy"));
        Tensor y = KerasTestSupport.fromNhwc(npy(kase, "y.npy"));
        KerasTestSupport.assertClose(y, KerasTestSupport.run(m, x), kase);
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static JsonObject fixture(String kase) throws IOException {
        return JsonParser.parseString(new String(resource(kase, "case.json"), StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static Tensor npy(String kase, String file) throws IOException {
        return Npy.parse(resource(kase, file));
    }

    private static byte[] resource(String kase, String file) throws IOException {
        try (InputStream in = KerasFileFormatsTest.class.getResourceAsStream("/fixtures/keras/" + kase + "/" + file)) {
            return in.readAllBytes();
        }
    }

    /** A row-major tensor as the nested float array jhdf writes as a multi-dimensional dataset. */
    private static Object nested(Tensor t) {
        int[] shape = t.shape();
        Object arr = Array.newInstance(float.class, shape);
        float[] data = t.toRowMajor().data();
        fill(arr, shape, 0, data, new int[] {0});
        return arr;
    }

    private static void fill(Object arr, int[] shape, int axis, float[] data, int[] pos) {
        if (axis == shape.length - 1) {
            float[] row = (float[]) arr;
            System.arraycopy(data, pos[0], row, 0, row.length);
            pos[0] += row.length;
            return;
        }
        for (int i = 0; i < shape[axis]; i++) {
            fill(Array.get(arr, i), shape, axis + 1, data, pos);
        }
    }

}
