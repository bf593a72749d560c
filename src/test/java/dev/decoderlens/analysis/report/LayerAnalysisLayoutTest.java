package dev.decoderlens.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.experiment.LayerInfo;
import dev.decoderlens.io.InputScaling;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LayerAnalysisLayoutTest {
    /**
     * The measures are gathered in groups of 16 channels, straight from channels-last storage: 37 channels (two full
     * groups and a partial one) must give what the same values in channel-major order give, filter by filter, and
     * a filter's measures must be those of its own map (a (-1)^(x+y) checkerboard in channel 21 only).
     */
    @Test
    void channelsLastAndChannelMajorGiveTheSameMeasuresFilterByFilter() {
        int c = 37, h = 12, w = 10;
        float[] v = new float[c * h * w];
        Random r = new Random(4);
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[(21 * h + y) * w + x] = (x + y) % 2 == 0 ? 1f : -1f;
            }
        }
        Tensor rowMajor = Tensor.of(new int[] {1, c, h, w}, v);
        LayerInfo info = new LayerInfo("conv", "Conv", "Conv2D", new int[] {1, c, h, w}, 3, "", List.of(), 1, "Identity", null);
        WarningContext ctx = new WarningContext(InputScaling.UNIT_0_1, false);
        LayerAnalysis a = LayerAnalysis.measure(info, rowMajor, 2, true, ctx);
        LayerAnalysis b = LayerAnalysis.measure(info, rowMajor.toNhwc(), 2, true, ctx);
        assertEquals(a.filters(), b.filters());
        assertEquals(a.filterBoards(), b.filterBoards());
        assertEquals(1.0, b.filterBoards().get(21).phase(), 1e-9);
        assertEquals(-1.0, b.filters().get(21).min(), 0);
    }
}
