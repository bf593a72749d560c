package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.op.ResizeSpec.CoordMode;
import dev.decoderlens.engine.op.ResizeSpec.Mode;
import dev.decoderlens.engine.op.ResizeSpec.NearestMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resize against torch.nn.functional.interpolate (nearest, bilinear, bicubic, align_corners both ways) and
 * against the ONNX 1.12 reference implementation for the ONNX-only coordinate and nearest modes.
 */
class ResizeFixtureTest {

    static Stream<Arguments> torchCases() {
        CoordMode pt = CoordMode.PYTORCH_HALF_PIXEL, ac = CoordMode.ALIGN_CORNERS;
        NearestMode fl = NearestMode.FLOOR;
        return Stream.of(
                Arguments.of("resize_torch_nearest_x2", ResizeSpec.kerasNearest(2, 2)),
                Arguments.of("resize_torch_nearest_x3x2", ResizeSpec.kerasNearest(3, 2)),
                Arguments.of("resize_torch_nearest_size11x13", ResizeSpec.sizes(Mode.NEAREST, CoordMode.ASYMMETRIC, fl, 11, 13)),
                Arguments.of("resize_torch_nearest_size3x4", ResizeSpec.sizes(Mode.NEAREST, CoordMode.ASYMMETRIC, fl, 3, 4)),
                Arguments.of("resize_torch_bilinear_x2", ResizeSpec.scales(Mode.LINEAR, pt, fl, 2, 2)),
                // Keras UpSampling2D bilinear is half_pixel, which equals pytorch_half_pixel for outputs > 1
                Arguments.of("resize_torch_bilinear_x2", ResizeSpec.kerasBilinear(2, 2)),
                Arguments.of("resize_torch_bilinear_size11x13", ResizeSpec.sizes(Mode.LINEAR, pt, fl, 11, 13)),
                Arguments.of("resize_torch_bilinear_size3x4", ResizeSpec.sizes(Mode.LINEAR, pt, fl, 3, 4)),
                Arguments.of("resize_torch_bilinear_ac_x2", ResizeSpec.scales(Mode.LINEAR, ac, fl, 2, 2)),
                Arguments.of("resize_torch_bilinear_ac_size11x13", ResizeSpec.sizes(Mode.LINEAR, ac, fl, 11, 13)),
                Arguments.of("resize_torch_bicubic_x2", ResizeSpec.scales(Mode.CUBIC, pt, fl, 2, 2)),
                Arguments.of("resize_torch_bicubic_ac_size11x13", ResizeSpec.sizes(Mode.CUBIC, ac, fl, 11, 13)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("torchCases")
    void matchesTorchInterpolate(String kase, ResizeSpec spec) {
        OpFixtures.check(kase, new Resize(spec), "x");
    }

    static List<Arguments> onnxCases() {
        List<Arguments> cases = new ArrayList<>();
        for (NearestMode nm : NearestMode.values()) {
            String n = nm.name().toLowerCase();
            cases.add(Arguments.of("resize_onnx_nearest_half_pixel_" + n + "_x2",
                    ResizeSpec.scales(Mode.NEAREST, CoordMode.HALF_PIXEL, nm, 2, 2)));
            cases.add(Arguments.of("resize_onnx_nearest_half_pixel_" + n + "_size8x9",
                    ResizeSpec.sizes(Mode.NEAREST, CoordMode.HALF_PIXEL, nm, 8, 9)));
            cases.add(Arguments.of("resize_onnx_nearest_asymmetric_" + n + "_size3x4",
                    ResizeSpec.sizes(Mode.NEAREST, CoordMode.ASYMMETRIC, nm, 3, 4)));
            cases.add(Arguments.of("resize_onnx_nearest_align_corners_" + n + "_size8x9",
                    ResizeSpec.sizes(Mode.NEAREST, CoordMode.ALIGN_CORNERS, nm, 8, 9)));
        }
        NearestMode any = NearestMode.ROUND_PREFER_FLOOR;
        cases.add(Arguments.of("resize_onnx_linear_half_pixel_x1.5", ResizeSpec.scales(Mode.LINEAR, CoordMode.HALF_PIXEL, any, 1.5f, 1.5f)));
        cases.add(Arguments.of("resize_onnx_linear_asymmetric_x2", ResizeSpec.scales(Mode.LINEAR, CoordMode.ASYMMETRIC, any, 2, 2)));
        cases.add(Arguments.of("resize_onnx_linear_pytorch_half_pixel_size1x4", ResizeSpec.sizes(Mode.LINEAR, CoordMode.PYTORCH_HALF_PIXEL, any, 1, 4)));
        cases.add(Arguments.of("resize_onnx_cubic_half_pixel_a-0.5_size8x9",
                ResizeSpec.sizes(Mode.CUBIC, CoordMode.HALF_PIXEL, any, 8, 9).withCubicCoeff(-0.5f)));
        cases.add(Arguments.of("resize_onnx_cubic_asymmetric_x2", ResizeSpec.scales(Mode.CUBIC, CoordMode.ASYMMETRIC, any, 2, 2)));
        for (NearestMode nm : List.of(NearestMode.FLOOR, NearestMode.ROUND_PREFER_CEIL)) {
            String n = nm.name().toLowerCase();
            cases.add(Arguments.of("resize_numpy_nearest_tf_half_pixel_for_nn_" + n + "_x2",
                    ResizeSpec.scales(Mode.NEAREST, CoordMode.TF_HALF_PIXEL_FOR_NN, nm, 2, 2)));
            cases.add(Arguments.of("resize_numpy_nearest_tf_half_pixel_for_nn_" + n + "_x1.5",
                    ResizeSpec.scales(Mode.NEAREST, CoordMode.TF_HALF_PIXEL_FOR_NN, nm, 1.5f, 1.5f)));
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("onnxCases")
    void matchesOnnxReference(String kase, ResizeSpec spec) {
        OpFixtures.check(kase, new Resize(spec), "x");
    }

    @Test
    void outputSizeFromScalesIsFloored() {
        assertArrayEquals(new int[] {7, 9}, new Resize(ResizeSpec.scales(Mode.LINEAR, CoordMode.HALF_PIXEL, null, 1.5f, 1.5f)).outputSize(5, 6));
    }

    @Test
    void macsCountTapsPerOutputValue() {
        int[][] in = {{1, 8, 5, 6}};
        assertEquals(8L * 10 * 12, new Resize(ResizeSpec.kerasNearest(2, 2)).macs(in));
        assertEquals(8L * 10 * 12 * 4, new Resize(ResizeSpec.kerasBilinear(2, 2)).macs(in));
    }

    @Test
    void parsesOnnxAttributeNames() {
        assertEquals(CoordMode.TF_HALF_PIXEL_FOR_NN, ResizeSpec.parse(CoordMode.class, "tf_half_pixel_for_nn"));
        assertEquals(Mode.LINEAR, ResizeSpec.parse(Mode.class, "bilinear"));
        var e = assertThrows(IllegalArgumentException.class, () -> ResizeSpec.parse(CoordMode.class, "tf_crop_and_resize"));
        assertTrue(e.getMessage().contains("tf_crop_and_resize"), e.getMessage());
    }

    @Test
    void stopsWhenCancelled() {
        var ctx = new dev.decoderlens.engine.ExecContext(dev.decoderlens.engine.kernel.Kernels.scalar(), () -> true);
        Resize r = new Resize(ResizeSpec.kerasNearest(2, 2));
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> r.apply(new dev.decoderlens.engine.Tensor[] {dev.decoderlens.engine.Tensor.zeros(1, 2, 4, 4)}, ctx));
    }

    @Test
    void refusesBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> ResizeSpec.scales(Mode.NEAREST, CoordMode.ASYMMETRIC, null, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> ResizeSpec.sizes(Mode.NEAREST, CoordMode.ASYMMETRIC, null, 0, 4));
        var bySize = new Resize(ResizeSpec.sizes(Mode.LINEAR, CoordMode.HALF_PIXEL, null, 4, 4));
        var empty = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(bySize, dev.decoderlens.engine.Tensor.zeros(1, 1, 0, 4)));
        assertTrue(empty.getMessage().contains("non-empty"), empty.getMessage());
        var shrink = new Resize(ResizeSpec.scales(Mode.NEAREST, CoordMode.ASYMMETRIC, null, 0.1f, 0.1f));
        var e = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(shrink, dev.decoderlens.engine.Tensor.zeros(1, 1, 4, 4)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
