package dev.decoderlens.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransposeTest {
    @ParameterizedTest
    @CsvSource({"1, 1, 1", "2, 3, 1000", "2, 1000, 3", "1, 33, 65", "3, 70, 31"})
    void everyValueLandsAtItsTransposedPlace(int n, int rows, int cols) {
        float[] src = new float[n * rows * cols], dst = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            src[i] = i;
        }
        java.util.Arrays.fill(dst, Float.NaN);
        Transpose.batched(src, dst, n, rows, cols);
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertEquals(src[(b * rows + i) * cols + j], dst[(b * cols + j) * rows + i]);
                }
            }
        }
    }
}
