package dev.decoderlens.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {

    private static Tensor counting(int... shape) {
        float[] v = new float[(int) Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return Tensor.of(shape, v);
    }

    @Test
    void nhwcStorageKeepsLogicalValues() {
        Tensor t = counting(2, 3, 4, 5);
        Tensor n = t.toNhwc();
        assertEquals(Layout.NHWC, n.layout());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 5; x++) {
                        assertEquals(t.get(b, c, y, x), n.get(b, c, y, x));
                    }
                }
            }
        }
        // channels are adjacent in NHWC storage
        assertEquals(t.get(0, 1, 0, 0), n.data()[1]);
        assertArrayEquals(t.data(), n.toRowMajor().data());
    }

    @Test
    void conversionsAreNoOpsWhenAlreadyInLayout() {
        Tensor t = counting(1, 2, 2, 2);
        assertSame(t, t.toRowMajor());
        Tensor n = t.toNhwc();
        assertSame(n, n.toNhwc());
    }

    @Test
    void channelMapReadsOneFilterFromEitherLayout() {
        Tensor t = counting(1, 3, 2, 2);
        float[] expected = {4, 5, 6, 7};
        assertArrayEquals(expected, t.channelMap(0, 1, null));
        assertArrayEquals(expected, t.toNhwc().channelMap(0, 1, null));
    }

    @Test
    void refusesShapeDataMismatch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new int[] {2, 3}, new float[5]));
        assertEquals("shape (2, 3) holds 6 values, data has 5", e.getMessage());
    }

    @Test
    void reshapeReordersFromNhwcToLogicalOrder() {
        Tensor t = counting(1, 2, 1, 3);
        Tensor flat = t.toNhwc().reshape(6);
        assertArrayEquals(t.data(), flat.data());
    }
}
