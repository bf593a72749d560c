package dev.decoderlens.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorMaxIntoTest {
    @Test
    void vectorMaxGivesMathMaxBitsIncludingNaNAndSignedZeros() {
        Kernels vector = VectorKernels.create();
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {1, 3, 16, 17, 64, 67}) {
            float[] x = new float[n + 5], y = new float[n + 9];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) r.nextGaussian();
            }
            x[2] = Float.NaN;
            x[0] = -0f;
            y[4] = 0f;
            y[n - 1 + 4] = Float.NaN;
            float[] ys = y.clone(), yv = y.clone();
            ScalarKernels.INSTANCE.maxInto(x, 2, ys, 4, n);
            vector.maxInto(x, 2, yv, 4, n);
            assertArrayEquals(bits(ys), bits(yv), "n=" + n);
            // the scalar result is Math.max, element by element
            for (int i = 0; i < n; i++) {
                y[4 + i] = Math.max(y[4 + i], x[2 + i]);
            }
            assertArrayEquals(bits(y), bits(ys), "n=" + n);
        }
    }

    private static int[] bits(float[] v) {
        int[] b = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Float.floatToIntBits(v[i]);
        }
        return b;
    }
}
