package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;
import org.junit.jupiter.api.Test;

/** DepthToSpace against torch pixel_shuffle (CRD) and the ONNX DCR formula; Pad against numpy.pad / F.pad. */
class SpatialPlumbingFixtureTest {

    @Test
    void depthToSpaceCrdIsPixelShuffle() {
        OpFixtures.check("pixel_shuffle_2", new DepthToSpace(2, true), "x");
        OpFixtures.check("pixel_shuffle_3", new DepthToSpace(3, true), "x");
    }

    @Test
    void depthToSpaceDcrFollowsOnnx() {
        OpFixtures.check("depth_to_space_dcr_2", new DepthToSpace(2, false), "x");
    }

    @Test
    void depthToSpaceRefusesIndivisibleChannels() {
        var e = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new DepthToSpace(2, true), Tensor.zeros(1, 6, 2, 2)));
        assertTrue(e.getMessage().contains("divisible by 4"), e.getMessage());
        assertEquals(Layout.NHWC, OpFixtures.run(new DepthToSpace(2, true), Tensor.zeros(1, 8, 2, 2)).layout());
    }

    @Test
    void padMatchesNumpy() {
        // numpy pad widths per axis (begin, end) become ONNX [b0, b1, b2, b3, e0, e1, e2, e3]
        OpFixtures.check("pad_constant", new Pad(Pad.Mode.CONSTANT, new int[] {0, 1, 2, 0, 0, 0, 1, 3}, 1.5f), "x");
        OpFixtures.check("pad_reflect", new Pad(Pad.Mode.REFLECT, new int[] {0, 0, 3, 2, 0, 0, 1, 1}, 0f), "x");
        OpFixtures.check("pad_edge", new Pad(Pad.Mode.EDGE, new int[] {0, 0, 3, 2, 0, 0, 1, 1}, 0f), "x");
        OpFixtures.check("pad_reflect_long", new Pad(Pad.Mode.REFLECT, new int[] {0, 0, 5, 9, 0, 0, 6, 4}, 0f), "x");
        OpFixtures.check("pad_crop", new Pad(Pad.Mode.CONSTANT, new int[] {0, 0, 1, -1, 0, 0, 0, -2}, 0f), "x");
        OpFixtures.check("pad_rank2_edge", new Pad(Pad.Mode.EDGE, new int[] {1, 3, 2, 0}, 0f), "x");
    }

    @Test
    void padReadsPadsValueAndAxesFromInputs() {
        Tensor x = OpFixtures.load("pad_constant", "x");
        Tensor pads = Tensor.of(new int[] {8}, new float[] {0, 1, 2, 0, 0, 0, 1, 3});
        Tensor y = OpFixtures.run(new Pad(Pad.Mode.CONSTANT, null, 0f), x, pads, Tensor.scalar(1.5f));
        OpFixtures.assertClose(OpFixtures.load("pad_constant", "y"), y, "pads from inputs");
        // opset 18 axes input: only H and W padded
        Tensor hw = Tensor.of(new int[] {4}, new float[] {3, 2, 1, 1});
        Tensor axes = Tensor.of(new int[] {2}, new float[] {2, -1});
        OpFixtures.assertClose(OpFixtures.load("pad_edge", "y"),
                OpFixtures.run(new Pad(Pad.Mode.EDGE, null, 0f), x, hw, null, axes), "pads for listed axes");
    }

    @Test
    void padRefusesWrongLengthAndOvercrop() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new Pad(Pad.Mode.CONSTANT, new int[] {1, 1}, 0f), Tensor.zeros(1, 1, 2, 2)));
        assertEquals("Pad needs 8 pads for a rank-4 input, got 2", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new Pad(Pad.Mode.CONSTANT, new int[] {-2, -1}, 0f), Tensor.zeros(2)));
    }
}
