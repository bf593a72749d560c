package dev.decoderlens.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.InputScaling;
import dev.decoderlens.io.SourceImage;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ExperimentRunnerTest {
    static SourceImage crop;

    @BeforeAll
    static void load() throws Exception {
        crop = Images.read(Path.of("assets/samples/raccoon.png")).crop(400, 200, 48, 48);
    }

    @Test
    void originalReportGivesTheCropSizeOnPathAAndTwoExtraPixelsOnPathB() {
        ExperimentResult r = new ExperimentRunner().run(crop, Preset.ORIGINAL_REPORT.settings());
        assertArrayEquals(new int[] {1, 256, 12, 12}, r.encoder().output().shape());
        assertArrayEquals(new int[] {1, 3, 48, 48}, r.pathA().output().shape());
        assertArrayEquals(new int[] {1, 3, 14, 14}, r.pathB().output().shape());
        for (LayerInfo l : r.pathB().layers()) {
            assertArrayEquals(l.outputShape(), r.pathB().activation(l.name()).shape(), l.name());
        }
        for (LayerInfo l : r.encoder().layers()) {
            assertArrayEquals(l.outputShape(), r.encoder().activation(l.name()).shape(), l.name());
        }
    }

    @Test
    void everyLayerOfEveryPresetHasTheShapeItsPlanPromised() {
        ExperimentRunner runner = new ExperimentRunner();
        for (Preset p : Preset.values()) {
            ExperimentResult r = runner.run(crop, p.settings());
            for (Side side : Side.values()) {
                for (LayerInfo l : r.path(side).layers()) {
                    assertArrayEquals(l.outputShape(), r.path(side).activation(l.name()).shape(), p + " " + side + " " + l.name());
                }
            }
        }
    }

    @Test
    void aDecoderOnlyChangeReRunsOnlyThatDecoder() {
        ExperimentRunner runner = new ExperimentRunner();
        ExperimentSettings s = Preset.CHECKERBOARD_K3S2.settings();
        ExperimentResult first = runner.run(crop, s);
        assertEquals(1, runner.encoderRuns());
        assertFalse(first.encoder().fromCache());

        ExperimentSettings reseeded = s.withPathB(s.pathB().withInit(s.pathB().init().withSeed(99)));
        ExperimentResult second = runner.run(crop, reseeded);
        assertEquals(1, runner.encoderRuns(), "the encoder must come from the cache");
        assertEquals(1, runner.decoderRuns(Side.A), "path A did not change");
        assertEquals(2, runner.decoderRuns(Side.B));
        assertTrue(second.encoder().fromCache());
        assertTrue(second.pathA().fromCache());
        assertFalse(second.pathB().output().sameValues(first.pathB().output()), "another seed gives other weights");

        runner.run(crop, reseeded.withScaling(InputScaling.SYMMETRIC_MINUS1_1));
        assertEquals(2, runner.encoderRuns(), "another scaling is another encoder input");
        runner.run(crop.crop(0, 0, 44, 44), reseeded);
        assertEquals(3, runner.encoderRuns(), "another crop is another encoder input");
        runner.run(crop.crop(0, 0, 44, 44), reseeded.withEncoder(reseeded.encoder().withInit(WeightInit.glorot(5))));
        assertEquals(4, runner.encoderRuns(), "another encoder seed is another encoder");
    }

    @Test
    void sameSettingsGiveTheSameOutputsOnAFreshRunner() {
        ExperimentSettings s = Preset.FIXED_STRIDES.settings().withScaling(InputScaling.UNIT_0_1);
        Tensor a = new ExperimentRunner().run(crop, s).pathB().output();
        Tensor b = new ExperimentRunner().run(crop, s).pathB().output();
        float[] x = a.toRowMajor().data(), y = b.toRowMajor().data();
        double maxDiff = 0;
        for (int i = 0; i < x.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(x[i] - y[i]));
        }
        assertEquals(0, maxDiff, 0, "max difference");
    }

    @Test
    void aRunnerReusingItsNetworksGivesWhatFreshRunnersGiveForEveryCrop() {
        // The runner keeps the networks it built: a crop of the same size must not see anything of the last one.
        ExperimentSettings s = Preset.CHECKERBOARD_K3S2.settings();
        ExperimentRunner reused = new ExperimentRunner();
        SourceImage first = crop.crop(0, 0, 40, 40), second = crop.crop(8, 4, 40, 40);
        reused.run(first, s);
        ExperimentResult again = reused.run(second, s);
        ExperimentResult fresh = new ExperimentRunner().run(second, s);
        assertTrue(again.pathA().output().sameValues(fresh.pathA().output()));
        assertTrue(again.pathB().output().sameValues(fresh.pathB().output()));
        assertFalse(again.pathA().output().sameValues(reused.run(first, s).pathA().output()), "different crops, same output");
    }

    @Test
    void cancellationStopsTheRunAndKeepsNothing() {
        ExperimentRunner runner = new ExperimentRunner();
        AtomicInteger layers = new AtomicInteger();
        assertThrows(CancellationException.class, () -> runner.run(crop, Preset.FIXED_STRIDES.settings(), () -> layers.get() >= 2,
                (phase, done, total, run) -> layers.incrementAndGet()));
        assertEquals(0, runner.encoderRuns());
        assertEquals(2, layers.get());
    }

    @Test
    void aCropSmallerThanTheEncoderStrideIsRefusedInWords() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExperimentRunner().run(crop.crop(0, 0, 3, 3), Preset.FIXED_STRIDES.settings()));
        assertTrue(e.getMessage().contains("smaller than the encoder's total stride 4"), e.getMessage());
    }

    @Test
    void theRunForAColdJitComputesTheSameStudyOnThePanelsAlone() {
        // the vector kernels take 3x3 layers and 2x2 phases with 16k input and 32k output channels through Winograd's
        // transforms, and 3-channel output layers through dot-product tiles; a 48x48 crop of the sub-pixel preset has
        // all three (and the report's 2x2 Keras 1 deconvolutions)
        SourceImage big = crop.crop(0, 0, 48, 48);
        for (Preset p : new Preset[] {Preset.ORIGINAL_REPORT, Preset.SUBPIXEL_ICNR}) {
            ExperimentResult usual = new ExperimentRunner().run(big, p.settings());
            ExperimentResult cold = new ExperimentRunner().runOnColdJit(big, p.settings());
            int differing = 0;
            for (NetworkRun[] pair : new NetworkRun[][] {{usual.encoder(), cold.encoder()}, {usual.pathA(), cold.pathA()},
                    {usual.pathB(), cold.pathB()}}) {
                for (var e : pair[0].trace().tensors().entrySet()) {
                    float[] a = e.getValue().toNhwc().data(), b = pair[1].trace().get(e.getKey()).toNhwc().data();
                    assertEquals(a.length, b.length, e.getKey());
                    // within float rounding of the layer's scale (raw 0..255 input makes large terms that cancel)
                    float scale = 1f;
                    for (float v : a) {
                        scale = Math.max(scale, Math.abs(v));
                    }
                    boolean same = true;
                    for (int i = 0; i < a.length; i++) {
                        assertEquals(a[i], b[i], 1e-5f * scale, p + " " + e.getKey() + " at " + i);
                        same &= a[i] == b[i];
                    }
                    differing += same ? 0 : 1;
                }
            }
            boolean vector = !new ExperimentRunner().executor().kernels().name().equals("scalar");
            assertTrue(!vector || differing > 0, p + ": with the vector kernels some layer is computed another way");
        }
    }
}
