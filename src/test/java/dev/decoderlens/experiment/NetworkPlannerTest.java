package dev.decoderlens.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkPlannerTest {

    private static NetworkPlan decoder(Preset preset, ExperimentSettings.Side side, int crop) {
        ExperimentSettings s = preset.settings();
        NetworkPlan enc = NetworkPlanner.encoder(s.encoder(), 3, crop, crop);
        return NetworkPlanner.decoder(s.path(side), enc.outputShape(), crop, crop, 3, s.encoder().totalStride());
    }

    @Test
    void reportEncoderQuartersTheCropAndEndsWith256Channels() {
        NetworkPlan enc = NetworkPlanner.encoder(EncoderSpec.report(), 3, 512, 512);
        assertArrayEquals(new int[] {1, 256, 128, 128}, enc.outputShape());
        assertEquals(List.of("conv1", "conv2", "pool1", "conv3", "conv4", NetworkPlanner.ENCODED),
                enc.infos().stream().map(LayerInfo::name).toList());
        assertEquals("o = floor((i + 2p - k - (k-1)(d-1)) / s) + 1 = floor((512 + 2·1 - 3 - 0) / 1) + 1 = 512",
                enc.infos().getFirst().arithmetic());
    }

    @Test
    void keras1DeconvolutionWithoutStridesGrowsByOnePixelPerStageAndSaysSo() {
        NetworkPlan b = decoder(Preset.ORIGINAL_REPORT, ExperimentSettings.Side.B, 512);
        List<LayerInfo> l = b.infos();
        assertEquals(129, l.get(0).height());
        assertEquals(130, l.get(1).height());
        assertArrayEquals(new int[] {1, 3, 130, 130}, b.outputShape());
        assertEquals("o = s(i-1) + a + k - 2p = 1(128-1) + 0 + 2 - 0 = 129", l.get(0).arithmetic());
        assertTrue(l.get(0).warnings().getFirst().contains("stride 1"), l.get(0).warnings().toString());
        assertTrue(l.get(0).warnings().getFirst().contains("not 256x256"), l.get(0).warnings().toString());
        assertFalse(b.warnings().isEmpty());
    }

    @Test
    void reportUpsamplingAndFixedStridesBothReachTheCrop() {
        for (Preset p : List.of(Preset.ORIGINAL_REPORT, Preset.FIXED_STRIDES)) {
            NetworkPlan a = decoder(p, ExperimentSettings.Side.A, 512);
            assertArrayEquals(new int[] {1, 3, 512, 512}, a.outputShape());
            assertTrue(a.warnings().isEmpty());
        }
        NetworkPlan fixed = decoder(Preset.FIXED_STRIDES, ExperimentSettings.Side.B, 512);
        assertEquals(List.of("deconv1", "deconv2", "conv_out"), fixed.infos().stream().map(LayerInfo::name).toList());
        assertEquals("o = s(i-1) + a + k - 2p = 2(128-1) + 0 + 2 - 0 = 256", fixed.infos().getFirst().arithmetic());
        assertArrayEquals(new int[] {1, 3, 512, 512}, fixed.outputShape());
    }

    @Test
    void everyPresetButTheReportReachesTheCropWithoutWarnings() {
        for (Preset p : Preset.values()) {
            if (p == Preset.ORIGINAL_REPORT) {
                continue;
            }
            for (ExperimentSettings.Side side : ExperimentSettings.Side.values()) {
                NetworkPlan d = decoder(p, side, 256);
                assertArrayEquals(new int[] {1, 3, 256, 256}, d.outputShape(), p + " " + side);
                d.infos().forEach(i -> assertTrue(i.warnings().isEmpty(), p + " " + i));
            }
        }
    }

    @Test
    void validK3S2NeedsCroppingAndK3S2WithPad1IsAmbiguous() {
        ExperimentSettings s = Preset.CHECKERBOARD_K3S2.settings();
        PathConfig valid = s.pathB().withPath(new DecoderPathSpec.TransposedConv(3, 2, PaddingMode.VALID, 0, 0, List.of(8)));
        LayerInfo v = NetworkPlanner.decoder(valid, new int[] {1, 16, 10, 10}, 20, 20, 3, 2).infos().getFirst();
        assertEquals(21, v.height());
        assertTrue(v.warnings().getFirst().contains("not stride x input = 20x20"), v.warnings().toString());
        PathConfig p1 = valid.withPath(new DecoderPathSpec.TransposedConv(3, 2, PaddingMode.EXPLICIT, 1, 0, List.of(8)));
        LayerInfo a = NetworkPlanner.decoder(p1, new int[] {1, 16, 10, 10}, 20, 20, 3, 2).infos().getFirst();
        assertEquals(19, a.height());
        assertTrue(a.warnings().getFirst().contains("output_padding 1"), a.warnings().toString());
    }

    @Test
    void subPixelStageConvolutionHasScaleSquaredTimesTheChannels() {
        NetworkPlan b = decoder(Preset.SUBPIXEL_ICNR, ExperimentSettings.Side.B, 64);
        assertEquals(128 * 4, b.infos().get(0).channels());
        assertEquals(128, b.infos().get(1).channels());
        assertEquals(2, b.infos().get(1).phaseStride());
    }
}
