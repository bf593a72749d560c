package dev.decoderlens.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckerboardTest {
    private static final int N = 64;

    private static float[] map(java.util.function.IntBinaryOperator f) {
        float[] m = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                m[y * N + x] = f.applyAsInt(y, x);
            }
        }
        return m;
    }

    @Test
    void aConstantMapHasNoCheckerboard() {
        float[] m = new float[N * N];
        java.util.Arrays.fill(m, 0.7f);
        Checkerboard c = Checkerboard.of(m, N, N, 2, 0);
        assertEquals(0, c.phase());
        assertEquals(0, c.spectral());
    }

    @Test
    void alternatingSignsAreMaximal() {
        float[] m = map((y, x) -> (x + y) % 2 == 0 ? 1 : -1);
        Checkerboard c = Checkerboard.of(m, N, N, 2, 0);
        assertEquals(1, c.phase(), 1e-12);
        assertEquals(1, c.spectral(), 1e-9);
        assertEquals(1, c.peakShare(), 1e-9);
        // Offset and scale do not matter.
        float[] shifted = map((y, x) -> (x + y) % 2 == 0 ? 105 : 95);
        assertEquals(1, Checkerboard.of(shifted, N, N, 2, 4).phase(), 1e-9);
    }

    @Test
    void aNearestUpsampledSmoothImageHasPhaseMeasureZero() {
        int half = N / 2;
        float[] m = new float[N * N];
        for (int y = 0; y < N; y++) {
            for (int x = 0; x < N; x++) {
                int sy = y / 2, sx = x / 2; // the smooth image's pixel this one repeats
                m[y * N + x] = (float) (Math.sin(sy * 0.3) + Math.cos(sx * 0.17) + 0.01 * sy * sx / half);
            }
        }
        Checkerboard c = Checkerboard.of(m, N, N, 2, 2);
        assertEquals(0, c.phase(), 1e-6);
        // A 2-pixel box has a zero at pi: the periodic frequencies carry (almost) no power either.
        assertTrue(c.spectral() < 1e-3, "spectral " + c.spectral());
        assertTrue(c.variance() > 0.1);
    }

    @Test
    void noiseHasSmallMeasuresAndAddedCheckerboardRaisesBoth() {
        Random r = new Random(3);
        float[] noise = new float[N * N];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) r.nextGaussian();
        }
        Checkerboard n = Checkerboard.of(noise, N, N, 2, 0);
        assertTrue(n.phase() < 0.1, "noise phase " + n.phase());
        assertTrue(n.spectral() < 0.01, "noise spectral " + n.spectral());
        float[] mixed = noise.clone();
        for (int i = 0; i < mixed.length; i++) {
            mixed[i] += ((i / N + i % N) % 2 == 0 ? 1 : -1);
        }
        Checkerboard m = Checkerboard.of(mixed, N, N, 2, 0);
        // Half the variance is the pattern: phase = sqrt(1/2), spectral close to 1/2.
        assertEquals(Math.sqrt(0.5), m.phase(), 0.05);
        assertEquals(0.5, m.spectral(), 0.05);
    }

    @Test
    void pooledLayerMeasureWeighsFiltersByTheirVariance() {
        float[] board = map((y, x) -> (x + y) % 2 == 0 ? 1 : -1);
        float[] flat = map((y, x) -> 3);
        Checkerboard layer = Checkerboard.pooled(List.of(Checkerboard.of(board, N, N, 2, 0), Checkerboard.of(flat, N, N, 2, 0)));
        assertEquals(1, layer.phase(), 1e-12);
        float[] smooth = map((y, x) -> y);
        Checkerboard two = Checkerboard.pooled(List.of(Checkerboard.of(board, N, N, 2, 0), Checkerboard.of(smooth, N, N, 2, 0)));
        assertTrue(two.phase() > 0.05 && two.phase() < 0.5, "phase " + two.phase());
    }

    @Test
    void periodOneMeansNoPhases() {
        float[] board = map((y, x) -> (x + y) % 2 == 0 ? 1 : -1);
        assertEquals(Checkerboard.NONE, Checkerboard.of(board, N, N, 1, 0));
    }

    @Test
    void radialSpectrumOfACheckerboardPeaksAtTheCorner() {
        float[] board = map((y, x) -> (x + y) % 2 == 0 ? 1 : -1);
        RadialSpectrum r = RadialSpectrum.of(PowerSpectrum.of(board, N, 0, 0, N, N));
        int peak = 0;
        for (int i = 1; i < r.logPower().length; i++) {
            if (r.logPower()[i] > r.logPower()[peak]) {
                peak = i;
            }
        }
        assertEquals(Math.sqrt(0.5), r.frequency()[peak], 1.0 / N);
        assertEquals(1.0, PowerSpectrum.of(board, N, 0, 0, N, N).total(), 1e-9); // Parseval: variance 1
    }
}
