package dev.decoderlens.engine.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Keras initialisers' distributions, checked by their statistics on a conv kernel (Cout 64, Cin 32, 3x3):
 * fan_in = 32*9 = 288, fan_out = 64*9 = 576, 18,432 draws. Expected values come from Keras's documented
 * VarianceScaling formulas, written out here independently of the code.
 */
class InitializerStatisticsTest {
    private static final int[] SHAPE = {64, 32, 3, 3};
    private static final double FAN_IN = 288, FAN_OUT = 576, FAN_AVG = (FAN_IN + FAN_OUT) / 2;

    @Test
    void fansFollowKeras() {
        assertEquals(new Fans(288, 576), Fans.of(SHAPE));
        // Dense (out, in) = (10, 7)
        assertEquals(new Fans(7, 10), Fans.of(new int[] {10, 7}));
        assertEquals(new Fans(5, 5), Fans.of(new int[] {5}));
        assertEquals(new Fans(1, 1), Fans.of(new int[0]));
        // ConvTranspose2D weight (Cin 128, Cout 64, 2, 2): Keras Conv2DTranspose counts fan_in = filters * k²
        assertEquals(new Fans(64 * 4, 128 * 4), Fans.of(new int[] {128, 64, 2, 2}));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // name, uniform limit = sqrt(3 scale / n) expressed as scale and n
            "glorot_uniform, 1, avg",
            "he_uniform, 2, in",
            "lecun_uniform, 1, in"})
    void uniformVariantsStayWithinTheirLimit(String name, double scale, String mode) {
        double limit = Math.sqrt(3 * scale / fan(mode));
        float[] w = Initializers.named(name).create(SHAPE, 7).data();
        double max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= limit, name + ": max |w| " + max + " beyond limit " + limit);
        assertTrue(max > 0.995 * limit, name + ": max |w| " + max + " never approaches limit " + limit);
        assertMoments(w, limit / Math.sqrt(3), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"glorot_normal, 1, avg", "he_normal, 2, in", "lecun_normal, 1, in"})
    void normalVariantsAreTruncatedWithTheDocumentedStddev(String name, double scale, String mode) {
        double std = Math.sqrt(scale / fan(mode));
        double bound = 2 * std / 0.87962566103423978;
        float[] w = Initializers.named(name).create(SHAPE, 11).data();
        double max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound * (1 + 1e-6), name + ": max |w| " + max + " beyond the truncation " + bound);
        assertTrue(max > 0.97 * bound, name + ": max |w| " + max + " never approaches the truncation " + bound);
        assertMoments(w, std, name);
    }

    @Test
    void plainDistributionsUseKerasDefaults() {
        float[] n = Initializers.named("random_normal").create(SHAPE, 3).data();
        assertMoments(n, 0.05, "random_normal");
        // an untruncated normal does reach beyond 2 stddevs (about 4.6% of draws)
        long beyond = count(n, 0.1);
        assertTrue(beyond > 0.03 * n.length && beyond < 0.06 * n.length, "random_normal beyond 2 sd: " + beyond);
        float[] t = Initializers.named("truncated_normal").create(SHAPE, 3).data();
        assertEquals(0, count(t, 0.1 + 1e-7), "truncated_normal must not reach beyond 2 sd");
        assertMoments(t, 0.05 * 0.87962566103423978, "truncated_normal");
        float[] u = Initializers.named("RandomUniform").create(SHAPE, 3).data();
        assertEquals(0, count(u, 0.05), "random_uniform beyond 0.05");
        assertMoments(u, 0.05 / Math.sqrt(3), "random_uniform");
    }

    @Test
    void constantsIgnoreTheSeed() {
        assertTrue(Arrays.equals(new float[6], Initializers.named("zeros").create(new int[] {2, 3}, 1).data()));
        float[] ones = Initializers.named("Ones").create(new int[] {2, 3}, 1).data();
        for (float v : ones) {
            assertEquals(1f, v);
        }
        assertEquals(0.25f, new Constant(0.25f).create(new int[] {4}, 9).data()[3]);
    }

    @Test
    void aSeedGivesTheSameWeightsAndAnotherSeedOtherWeights() {
        for (String name : Initializers.names()) {
            Initializer init = Initializers.named(name);
            int[] shape = name.equals("icnr") ? new int[] {8, 3, 3, 3} : new int[] {4, 3, 3, 3};
            Tensor a = init.create(shape, 42), b = init.create(shape, 42), c = init.create(shape, 43);
            assertArrayEquals(a.data(), b.data(), name + " is not deterministic");
            boolean seeded = !(init instanceof Constant) && !(init instanceof BilinearKernel);
            assertEquals(seeded, !Arrays.equals(a.data(), c.data()), name + ": seed 43 vs 42");
        }
    }

    @Test
    void namesFollowKerasSpellings() {
        assertEquals("he_normal", Initializers.named("HeNormal").name());
        assertEquals("glorot_uniform", Initializers.named("glorot_uniform").name());
        assertInstanceOf(BilinearKernel.class, Initializers.named("bilinear"));
        assertInstanceOf(Icnr.class, Initializers.named("ICNR"));
        assertEquals("random_normal", Initializers.named("normal").name());
        var e = assertThrows(IllegalArgumentException.class, () -> Initializers.named("xavier_magic"));
        assertTrue(e.getMessage().contains("unknown initialiser 'xavier_magic'"), e.getMessage());
        assertFalse(Initializers.names().isEmpty());
    }

    private static double fan(String mode) {
        return switch (mode) {
            case "in" -> FAN_IN;
            case "out" -> FAN_OUT;
            default -> FAN_AVG;
        };
    }

    /** Mean within 5 standard errors of 0; standard deviation within 3% of {@code std}. */
    private static void assertMoments(float[] w, double std, String name) {
        double sum = 0, sq = 0;
        for (float v : w) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / w.length;
        double sd = Math.sqrt(sq / w.length - mean * mean);
        assertTrue(Math.abs(mean) < 5 * std / Math.sqrt(w.length), name + ": mean " + mean);
        assertEquals(std, sd, 0.03 * std, name + ": standard deviation");
    }

    private static long count(float[] w, double beyond) {
        long n = 0;
        for (float v : w) {
            if (Math.abs(v) > beyond) {
                n++;
            }
        }
        return n;
    }
}
