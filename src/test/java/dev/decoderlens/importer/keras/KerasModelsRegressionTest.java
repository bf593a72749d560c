package dev.decoderlens.importer.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportException;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ModelImporters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real Keras file in ../shared/keras-models (saved by Keras 1.0.5 to 3.3.3) and what opening it must give: the
 * engine input shape, the output shape for one random sample (which the engine must compute, finite), or the exact
 * message refusing it. Shapes are engine NCHW; channels-last models are {@code NHWC} at their I/O boundary.
 */
class KerasModelsRegressionTest {

    /** file, I/O layout, engine input shape (batch -1), engine output shape for batch 1; or the refusal. */
    static Stream<Arguments> files() {
        return Stream.of(
                opens("colourspark/autoencoder.keras", "NHWC", ints(-1, 1, 96, 96), ints(1, 3, 96, 96)),
                opens("dl4j-test-resources/fullconfigs/cnn/cnn_batch_norm.h5", "NHWC", ints(-1, 3, 10, 10), ints(1, 1)),
                opens("dl4j-test-resources/gans/dcgan_discriminator.h5", "NHWC", ints(-1, 1, 28, 28), ints(1, 1)),
                opens("dl4j-test-resources/gans/dcgan_generator.h5", "NHWC", ints(-1, 100), ints(1, 1, 28, 28)),
                opens("dl4j-test-resources/retina_unet/permute_retina_unet.h5", "NCHW", ints(-1, 1, 48, 48), ints(1, 2304, 2)),
                opens("dl4j-test-resources/retina_unet/permute_retina_unet.json", "NCHW", ints(-1, 1, 48, 48), ints(1, 2304, 2)),
                opens("dl4j-test-resources/tfkeras/cnn2d_112.h5", "NHWC", ints(-1, 3, 10, 10), ints(1, 4)),
                opens("dl4j-test-resources/tfkeras/cnn2d_114.h5", "NHWC", ints(-1, 3, 10, 10), ints(1, 4)),
                opens("dl4j-test-resources/tfkeras/cnn2d_64.h5", "NHWC", ints(-1, 3, 10, 10), ints(1, 4)),
                opens("dl4j-test-resources/weights/batch_to_conv2d_tensorflow_1.h5", "NHWC", ints(-1, 100), ints(1, 5, 5, 5)),
                opens("dl4j-test-resources/weights/batch_to_conv2d_tensorflow_2.h5", "NHWC", ints(-1, 100), ints(1, 5, 5, 5)),
                opens("dl4j-test-resources/weights/conv2d_reshape_tensorflow_2.h5", "NHWC", ints(-1, 5, 5, 5), ints(1, 12)),
                refused("dl4j-test-resources/weights/keras-attention.h5", "layer 'attention' (Attention) is not supported"),
                opens("dl4j-test-resources/examples/conv1d/conv1d_k2_s1_d1_cl_same_model.h5", "NHWC", ints(-1, 16, 3), ints(1, 16, 4)),
                refused("dl4j-test-resources/examples/conv1d/conv1d_k2_s1_d1_cl_same_inputs_and_outputs.h5",
                        "an HDF5 file without a Keras model (no 'model_config' attribute and no layer weights)"),
                opens("face_classification/tiny_XCEPTION_KDEF.hdf5", "NHWC", ints(-1, 1, 64, 64), ints(1, 7)),
                opens("hls4ml/conv2d_1layer.h5", "NHWC", ints(-1, 1, 5, 5), ints(1, 1, 3, 3)),
                opens("hls4ml/mlp_streaming_keras_model.keras", "NHWC", ints(-1, 8), ints(1, 2)),
                opens("mlcommons-tiny/ad01.h5", "NHWC", ints(-1, 640), ints(1, 640)),
                opens("mlcommons-tiny/pretrainedResnet.h5", "NHWC", ints(-1, 3, 32, 32), ints(1, 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void opensOrIsRefused(String file, String layout, int[] input, int[] output, String refusal) throws Exception {
        Path path = KerasTestSupport.sharedModels().resolve(file);
        if (refusal != null) {
            ImportException e = assertThrows(ImportException.class, () -> ModelImporters.open(path));
            assertEquals(path + ": " + refusal, e.getMessage());
            return;
        }
        ImportedModel m = ModelImporters.open(path);
        assertEquals(layout, m.ioLayout().name());
        assertEquals(1, m.inputs().size());
        assertArrayEquals(input, m.inputs().getFirst().shape(), "input shape " + Arrays.toString(m.inputs().getFirst().shape()));
        int[] shape = input.clone();
        shape[0] = 1;
        Tensor x = random(shape, file.hashCode());
        Tensor y = KerasTestSupport.run(m, x);
        assertArrayEquals(output, y.shape(), "output shape " + Arrays.toString(y.shape()));
        for (float v : y.toRowMajor().data()) {
            assertTrue(Float.isFinite(v), "output values are finite");
        }
    }

    /** Every model file in the shared folder is in the table above, so a new file cannot go untested. */
    @org.junit.jupiter.api.Test
    void tableCoversEveryFile() throws Exception {
        Path root = KerasTestSupport.sharedModels();
        java.util.Set<String> listed = new java.util.TreeSet<>();
        files().forEach(a -> listed.add((String) a.get()[0]));
        java.util.Set<String> present = new java.util.TreeSet<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> n.matches(".*\\.(h5|hdf5|keras|json)")).forEach(present::add);
        }
        assertEquals(present, listed);
    }

    /**
     * A Reshape to (7, 7, 128) in a channels-last model hands on an image of 128 channels, as every rank-4 layer
     * output of such a model: the grids and {@code infer --all} read rank-4 tensors as (N, C, H, W).
     */
    @org.junit.jupiter.api.Test
    void reshapeToAnImageGivesChannels() throws Exception {
        ImportedModel m = ModelImporters.open(KerasTestSupport.sharedModels().resolve("dl4j-test-resources/gans/dcgan_generator.h5"));
        var trace = new dev.decoderlens.engine.Executor().run(m.graph(), java.util.Map.of(m.graph().inputs().getFirst(),
                random(new int[] {1, 100}, 1)), dev.decoderlens.engine.Taps.ALL, dev.decoderlens.engine.CancellationToken.NONE);
        assertArrayEquals(new int[] {1, 128, 7, 7}, trace.get("reshape_1").shape());
        assertArrayEquals(new int[] {1, 128, 14, 14}, trace.get("up_sampling2d_1").shape());
        assertEquals("BatchNormalization", m.graph().nodes().stream().filter(n -> n.name().equals("batch_normalization_3"))
                .findFirst().orElseThrow().op().type(), "channel axis normalised by the BatchNorm op itself");
    }

    private static Arguments opens(String file, String layout, int[] in, int[] out) {
        return Arguments.of(file, layout, in, out, null);
    }

    private static Arguments refused(String file, String message) {
        return Arguments.of(file, null, null, null, message);
    }

    private static int[] ints(int... v) {
        return v;
    }

    private static Tensor random(int[] shape, long seed) {
        Random r = new Random(seed);
        float[] v = new float[Math.toIntExact(dev.decoderlens.engine.Shapes.size(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return Tensor.of(shape, v);
    }
}
