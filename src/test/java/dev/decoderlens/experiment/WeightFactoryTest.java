package dev.decoderlens.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.ConvSpec;
import org.junit.jupiter.api.Test;

class WeightFactoryTest {
    private static final LayerOp.Conv CONV = new LayerOp.Conv(ConvSpec.of(3, 1), 128, 256, Activation.RELU, 1, true);

    @Test
    void glorotUniformHasTheKerasLimitAndVariance() {
        Tensor w = WeightFactory.conv(CONV, WeightInit.glorot(7), "conv4");
        double limit = Math.sqrt(6.0 / (128 * 9 + 256 * 9));
        double sum = 0, sq = 0, max = 0;
        for (float v : w.data()) {
            sum += v;
            sq += v * v;
            max = Math.max(max, Math.abs(v));
        }
        int n = w.size();
        assertTrue(max <= limit);
        assertTrue(max > 0.999 * limit);
        assertEquals(0, sum / n, 0.01 * limit);
        assertEquals(limit * limit / 3, sq / n, 0.02 * limit * limit / 3); // variance of U(-l, l)
    }

    @Test
    void heNormalHasStdSqrtTwoOverFanInAndNothingBeyondTwoStd() {
        Tensor w = WeightFactory.conv(CONV, WeightInit.of(Initialiser.HE_NORMAL, 3), "conv4");
        double target = Math.sqrt(2.0 / (128 * 9));
        double sq = 0;
        for (float v : w.data()) {
            sq += v * v;
            assertTrue(Math.abs(v) <= 2 * target / 0.87962566103423978 + 1e-6);
        }
        assertEquals(target, Math.sqrt(sq / w.size()), 0.02 * target);
    }

    @Test
    void sameSeedAndNameGiveTheSameWeightsOtherNamesOrSeedsDiffer() {
        Tensor a = WeightFactory.conv(CONV, WeightInit.glorot(7), "conv4");
        assertTrue(a.sameValues(WeightFactory.conv(CONV, WeightInit.glorot(7), "conv4")));
        assertFalse(a.sameValues(WeightFactory.conv(CONV, WeightInit.glorot(8), "conv4")));
        assertFalse(a.sameValues(WeightFactory.conv(CONV, WeightInit.glorot(7), "conv3")));
    }

    @Test
    void icnrGivesEverySubPixelOfAChannelTheSameKernel() {
        LayerOp.Conv sub = new LayerOp.Conv(ConvSpec.of(3, 1), 8, 4 * 5, Activation.RELU, 2, true);
        Tensor w = WeightFactory.conv(sub, WeightInit.of(Initialiser.ICNR, 1), "conv1");
        for (int c = 0; c < 5; c++) {
            for (int q = 1; q < 4; q++) {
                for (int ci = 0; ci < 8; ci++) {
                    for (int p = 0; p < 9; p++) {
                        assertEquals(w.get(c * 4, ci, p / 3, p % 3), w.get(c * 4 + q, ci, p / 3, p % 3));
                    }
                }
            }
        }
        assertFalse(w.get(0, 0, 0, 0) == w.get(4, 0, 0, 0) && w.get(0, 0, 1, 1) == w.get(4, 0, 1, 1));
        assertTrue(w.sameValues(WeightFactory.conv(sub, WeightInit.of(Initialiser.ICNR, 1), "conv1")), "same seed, same weights");
    }

    @Test
    void bilinearKernelsAreTheFcnFilterNormalisedPerPhase() {
        assertArrayEquals(new double[] {0.5, 1, 0.5}, WeightFactory.bilinear1d(3, 2), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.75, 0.75, 0.25}, WeightFactory.bilinear1d(4, 2), 1e-12);
        assertArrayEquals(new double[] {1, 1}, WeightFactory.bilinear1d(2, 2), 1e-12); // k = s: nearest
        Tensor w = WeightFactory.bilinear(4, 2, 3, 2);
        // Inputs 0 and 2 feed output 0, averaged; input 1 never feeds output 0.
        assertEquals(0.5f, w.get(0, 0, 1, 1), 1e-7);
        assertEquals(0.5f, w.get(2, 0, 1, 1), 1e-7);
        assertEquals(0f, w.get(1, 0, 1, 1));
    }
}
