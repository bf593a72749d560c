package dev.decoderlens.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.io.InputScaling;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarningsTest {
    private static LayerInfo layer(String activation, int channels) {
        return new LayerInfo("conv_out", "Conv", "Conv2D 1x1", new int[] {1, channels, 8, 8}, 3, "o = 8", List.of(), 1, activation, null);
    }

    /** (1, C, 8, 8) with channel c filled by value(c, pixel). */
    private static Tensor tensor(int channels, java.util.function.IntBinaryOperator bits) {
        float[] v = new float[channels * 64];
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < 64; p++) {
                v[c * 64 + p] = Float.intBitsToFloat(bits.applyAsInt(c, p));
            }
        }
        return Tensor.of(new int[] {1, channels, 8, 8}, v);
    }

    private static int f(float x) {
        return Float.floatToIntBits(x);
    }

    @Test
    void aFlatYellowSigmoidOutputOnRawInputIsCalledSo() {
        Tensor yellow = tensor(3, (c, p) -> f(c < 2 ? 0.99995f : 0.00002f));
        LayerAnalysis a = LayerAnalysis.measure(layer("Sigmoid", 3), yellow, 1, true, new WarningContext(InputScaling.RAW_0_255, true));
        assertEquals(List.of("output nearly constant (a flat yellow image): 100.0% of values at a limit (66.7% above 0.999, 33.3% below 0.001)"
                + " — the input is raw 0..255 and the sigmoid saturates"), a.warnings());
        Tensor white = tensor(3, (c, p) -> f(p == 0 ? 0.5f : 0.9995f));
        LayerAnalysis w = LayerAnalysis.measure(layer("Sigmoid", 3), white, 1, true, new WarningContext(InputScaling.UNIT_0_1, true));
        assertEquals(List.of("output nearly constant (a flat white image): 98.4% of pixels above 0.999 — the sigmoid's inputs are far from 0, so it saturates"),
                w.warnings());
    }

    @Test
    void aHealthySigmoidOutputHasNoWarning() {
        Tensor ok = tensor(3, (c, p) -> f(0.2f + 0.6f * p / 64));
        assertTrue(LayerAnalysis.measure(layer("Sigmoid", 3), ok, 1, true, new WarningContext(InputScaling.RAW_0_255, true)).warnings().isEmpty());
    }

    @Test
    void deadFiltersAndNonFiniteValuesAreCounted() {
        Tensor t = tensor(4, (c, p) -> c == 1 || c == 3 ? f(0) : (c == 2 && p < 3 ? f(Float.NaN) : f(p)));
        LayerAnalysis a = LayerAnalysis.measure(layer("Relu", 4), t, 1, true, new WarningContext(InputScaling.UNIT_0_1, false));
        assertEquals(2, a.deadFilters());
        assertEquals(3, a.stats().nanCount());
        assertEquals(List.of("layer has 3 NaN and 0 infinite values", "2 of 4 filters dead (all zero after ReLU)"), a.warnings());
    }
}
