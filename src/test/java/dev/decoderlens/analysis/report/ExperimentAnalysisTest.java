package dev.decoderlens.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.analysis.OverlapMap;
import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentRunner;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.Preset;
import dev.decoderlens.io.Images;
import dev.decoderlens.io.SourceImage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The done-when checks of the analysis on the bundled raccoon, the photo of the original report. */
class ExperimentAnalysisTest {
    static SourceImage crop;
    static final ExperimentRunner RUNNER = new ExperimentRunner();

    @BeforeAll
    static void load() throws Exception {
        Preset.Crop c = Preset.REPORT_CROP;
        // The middle of the report's crop (the raccoon's face), small enough to keep the test quick.
        crop = Images.read(Path.of("assets/samples/raccoon.png")).crop(c.x() + 192, c.y() + 192, 128, 128);
    }

    @Test
    void checkerboardK3S2TransposedOutputMeasuresHigherThanResizeConvolution() {
        ExperimentAnalysis a = new ExperimentAnalysis(RUNNER.run(crop, Preset.CHECKERBOARD_K3S2.settings()));
        LayerAnalysis resize = a.output(Side.A), transposed = a.output(Side.B);
        assertEquals(4, transposed.period());
        System.out.printf("k3s2 raccoon: resize-conv phase %.3f spectral %.3f | transposed phase %.3f spectral %.3f%n",
                resize.checkerboard().phase(), resize.checkerboard().spectral(), transposed.checkerboard().phase(), transposed.checkerboard().spectral());
        assertTrue(transposed.checkerboard().phase() > 2 * resize.checkerboard().phase(), transposed.checkerboard() + " vs " + resize.checkerboard());
        assertTrue(transposed.checkerboard().spectral() > 2 * resize.checkerboard().spectral(), transposed.checkerboard() + " vs " + resize.checkerboard());
        OverlapMap deconv1 = a.overlaps(Side.B).get("deconv1");
        assertTrue(List.of(1, 2, 4).containsAll(java.util.Arrays.stream(deconv1.distinctCounts()).boxed().toList()));
        assertTrue(a.overlaps(Side.A).get("up1").uniformInside(0));
        assertTrue(a.difference().isPresent(), a.differenceMissing());
        assertSame(a.output(Side.B), a.output(Side.B), "measured once, then cached");
        List<String> text = ComparisonText.explain(a);
        System.out.println(String.join("\n", text));
        assertTrue(text.get(1).contains("kernel 3 is not a multiple of stride 2"), text.get(1));
        assertTrue(text.stream().anyMatch(t -> t.startsWith("Measured checkerboard")));
    }

    @Test
    void originalReportWarnsThatTheSigmoidSaturatesOnRawInput() {
        ExperimentResult r = RUNNER.run(crop, Preset.ORIGINAL_REPORT.settings());
        ExperimentAnalysis a = new ExperimentAnalysis(r);
        for (Side side : Side.values()) {
            List<String> w = a.warnings(side);
            System.out.println(side + ": " + w);
            assertTrue(w.stream().anyMatch(s -> s.contains("the input is raw 0..255 and the sigmoid saturates")), w.toString());
            assertTrue(a.output(side).stats().saturatedShare() > Warnings.SATURATED, "saturated share " + a.output(side).stats().saturatedShare());
        }
        assertTrue(a.warnings(Side.B).stream().anyMatch(s -> s.contains("stride 1")), a.warnings(Side.B).toString());
        assertTrue(a.difference().isEmpty());
        assertEquals("path A gives 3x128x128 and path B 3x34x34: no difference map", a.differenceMissing());
    }

    @Test
    void scaledInputKeepsTheSigmoidOutOfSaturation() {
        ExperimentAnalysis a = new ExperimentAnalysis(RUNNER.run(crop, Preset.CHECKERBOARD_K3S2.settings()));
        assertTrue(a.output(Side.A).stats().saturatedShare() < 0.01);
        assertTrue(a.warnings(Side.A).isEmpty(), a.warnings(Side.A).toString());
    }
}
