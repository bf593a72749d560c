package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SigmoidMathTest {
    /** The exact value, rounded once: what a correctly rounded float sigmoid would return. */
    private static double reference(float x) {
        return x >= 0 ? 1.0 / (1.0 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1.0 + StrictMath.exp(x));
    }

    @Test
    void withinThreeUlpsOfTheDoublePrecisionSigmoidAcrossTheRange() {
        SplittableRandom r = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            float x = (float) (r.nextDouble(-87, 40));
            double want = reference(x);
            float got = SigmoidMath.sigmoid(x);
            worst = Math.max(worst, Math.abs(got - want) / Math.ulp((float) want));
        }
        assertTrue(worst <= 3.0, "worst error " + worst + " ulp");
    }

    @Test
    void tailsAndSpecialValues() {
        assertEquals(0.5f, SigmoidMath.sigmoid(0f));
        assertEquals(0.5f, SigmoidMath.sigmoid(-0f));
        assertEquals(1f, SigmoidMath.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(1f, SigmoidMath.sigmoid(100f));
        assertTrue(SigmoidMath.sigmoid(Float.NEGATIVE_INFINITY) < 1.2e-38f);
        assertTrue(SigmoidMath.sigmoid(-100f) >= 0f);
        assertTrue(Float.isNaN(SigmoidMath.sigmoid(Float.NaN)));
        // symmetric: s(-x) = 1 - s(x) to float precision
        for (float x = -20; x <= 20; x += 0.37f) {
            assertEquals(1.0, SigmoidMath.sigmoid(x) + SigmoidMath.sigmoid(-x), 1.2e-7, "x=" + x);
        }
    }

    @Test
    void monotonic() {
        float prev = SigmoidMath.sigmoid(-30f);
        for (float x = -30f; x < 30f; x = Math.nextUp(x) + 1e-4f) {
            float s = SigmoidMath.sigmoid(x);
            assertTrue(s >= prev, "not monotonic at " + x);
            prev = s;
        }
    }
}
