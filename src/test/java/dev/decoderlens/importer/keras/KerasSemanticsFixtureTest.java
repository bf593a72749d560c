package dev.decoderlens.importer.keras;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportedModel;
import dev.decoderlens.importer.ImportedModel.IoLayout;
import dev.decoderlens.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Keras semantics that matter to decoders, checked against outputs computed by PyTorch/numpy implementations of
 * the Keras/TensorFlow rules (scripts/fixtures/make_keras_fixtures.py): "same" padding with even kernels and strides,
 * Conv2DTranspose same/valid with strides and output_padding, the Keras 1 Deconvolution2D of the original report,
 * UpSampling2D bilinear (half-pixel and TF1), AveragePooling2D "same", Flatten order, channels_first.
 */
class KerasSemanticsFixtureTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conv_same_k4_s2", "conv_same_k2_s1", "conv_same_k3x2_s2x3", "deconv_same_k3_s2",
            "deconv_same_k3_s2_op1", "deconv_same_k4_s2", "deconv_same_k5_s3_op2", "deconv_valid_k3_s2",
            "deconv_valid_k3_s2_op1", "deconv_valid_k2_s3", "deconv_same_k2_s3", "keras1_deconvolution2d_same",
            "upsampling_bilinear_half_pixel", "upsampling_bilinear_tf1", "avgpool_same", "flatten_dense_channels_last",
            "channels_first_conv_flatten", "functional_keras3_mix", "keras1_th_functional", "rescaling_prelu", "permute_image", "dense_on_image"})
    void matchesKerasRule(String kase) throws Exception {
        check(kase, false);
    }

    /** Fully convolutional models are often saved with free spatial sizes, (None, None, None, C): same results. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conv_same_k4_s2", "deconv_same_k3_s2_op1", "deconv_valid_k2_s3", "upsampling_bilinear_half_pixel",
            "avgpool_same", "keras1_deconvolution2d_same"})
    void matchesKerasRuleWithFreeSpatialSize(String kase) throws Exception {
        check(kase, true);
    }

    /** Which bilinear UpSampling2D a Keras build ran: tf.keras and Keras >= 2.4 half-pixel, multi-backend 2.x legacy. */
    @ParameterizedTest(name = "Keras {1}: {0}")
    @org.junit.jupiter.params.provider.CsvSource({"upsampling_bilinear_half_pixel, 2.2.4-tf", "upsampling_bilinear_half_pixel, 2.3.0-tf",
            "upsampling_bilinear_half_pixel, 3.3.3", "upsampling_bilinear_half_pixel, 2.13.1",
            "upsampling_bilinear_tf1, 2.3.1", "upsampling_bilinear_tf1, 2.0.5"})
    void bilinearUpsamplingFollowsTheKerasBuild(String kase, String version) throws Exception {
        check(kase, false, version);
    }

    private static void check(String kase, boolean freeSize) throws Exception {
        check(kase, freeSize, null);
    }

    private static void check(String kase, boolean freeSize, String version) throws Exception {
        JsonObject c = JsonParser.parseString(new String(bytes(kase, "case.json"), StandardCharsets.UTF_8)).getAsJsonObject();
        if (version != null) {
            c.addProperty("keras_version", version);
        }
        if (freeSize) {
            var first = c.getAsJsonObject("model").getAsJsonObject("config").getAsJsonArray("layers").get(0)
                    .getAsJsonObject().getAsJsonObject("config");
            var shape = first.getAsJsonArray("batch_input_shape");
            shape.set(1, com.google.gson.JsonNull.INSTANCE);
            shape.set(2, com.google.gson.JsonNull.INSTANCE);
        }
        Map<String, List<WeightArray>> weights = new HashMap<>();
        for (var e : c.getAsJsonObject("weights").entrySet()) {
            List<WeightArray> arrays = new ArrayList<>();
            for (var f : e.getValue().getAsJsonArray()) {
                Tensor t = npy(kase, f.getAsString());
                arrays.add(new WeightArray(f.getAsString(), t.shape(), t.toRowMajor().data()));
            }
            weights.put(e.getKey(), arrays);
        }
        ImportedModel m = KerasModelBuilder.build("Keras test", Path.of(kase), ModelConfig.parse(c.get("model").toString()),
                layer -> weights.getOrDefault(layer.name(), List.of()), c.get("keras_version").getAsString(), "tensorflow");
        Tensor x = keras(m, npy(kase, "x.npy"));
        Tensor expected = keras(m, npy(kase, "y.npy"));
        Tensor y = KerasTestSupport.run(m, x);
        assertTrue(expected.size() > 0);
        KerasTestSupport.assertClose(expected, y, kase + " (" + c.get("note").getAsString() + ")");
    }

    /** An array in the model's own layout as the engine tensor: NHWC images of channels-last models become NCHW. */
    private static Tensor keras(ImportedModel m, Tensor t) {
        return t.rank() == 4 && m.ioLayout() == IoLayout.NHWC ? KerasTestSupport.fromNhwc(t) : t;
    }

    private static Tensor npy(String kase, String file) {
        return Npy.parse(bytes(kase, file));
    }

    private static byte[] bytes(String kase, String file) {
        try (InputStream in = KerasSemanticsFixtureTest.class.getResourceAsStream("/fixtures/keras/" + kase + "/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + kase + "/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
