package dev.decoderlens.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.decoderlens.engine.op.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorActivationsTest {
    @Test
    void vectorSigmoidGivesTheScalarBitsIncludingTailsAndSpecialValues() {
        SplittableRandom r = new SplittableRandom(3);
        float[] v = new float[100_003]; // odd length: the scalar tail runs too
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-120, 120) * (i % 3 == 0 ? 0.01f : 1f);
        }
        float[] special = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, -87.33654f, -87.4f, 88.7f, 1e-8f, -1e-8f};
        System.arraycopy(special, 0, v, 0, special.length);
        float[] scalar = v.clone();
        Activation.SIGMOID.applyInPlace(scalar, 0, scalar.length);
        // Run often enough that C2 compiles the vector loop: the bits must not change with the JIT state.
        for (int round = 0; round < 30; round++) {
            float[] vec = v.clone();
            VectorActivations.apply(Activation.SIGMOID, vec, 0, vec.length);
            for (int i = 0; i < v.length; i++) {
                assertEquals(Float.floatToIntBits(scalar[i]), Float.floatToIntBits(vec[i]), "x=" + v[i] + " round " + round);
            }
        }
    }
}
