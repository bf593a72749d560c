package dev.decoderlens.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.Pads;
import org.junit.jupiter.api.Test;

class OverlapMapTest {

    @Test
    void k3s2CountsOneTwoFourAtTheirExactPositions() {
        OverlapMap m = OverlapMap.transposed(ConvSpec.of(3, 2), 4, 4); // valid: 2(4-1) + 3 = 9
        assertEquals(9, m.height());
        assertArrayEquals(new int[] {1, 2, 4}, m.distinctCounts());
        // Along one axis, o = 2i + t: even o strictly inside [0, 8] gets two taps, everything else one.
        for (int y = 0; y < 9; y++) {
            for (int x = 0; x < 9; x++) {
                int cy = y % 2 == 0 && y > 0 && y < 8 ? 2 : 1;
                int cx = x % 2 == 0 && x > 0 && x < 8 ? 2 : 1;
                assertEquals(cy * cx, m.count(y, x), "(" + y + ", " + x + ")");
            }
        }
        assertEquals(4, m.count(2, 2));
        assertEquals(2, m.count(2, 3));
        assertEquals(1, m.count(3, 3));
        assertFalse(m.uniformInside(2));
    }

    @Test
    void k4s2IsUniformInsideTheBorder() {
        OverlapMap m = OverlapMap.transposed(ConvSpec.of(4, 2).withPads(Pads.symmetric(1, 1)), 8, 8); // 2i
        assertEquals(16, m.width());
        assertTrue(m.uniformInside(1));
        assertArrayEquals(new int[] {4}, m.distinct(1));
        assertArrayEquals(new int[] {1, 2, 4}, m.distinctCounts()); // the one-pixel border gets fewer
    }

    @Test
    void strideOneAndStrideEqualKernelAreUniform() {
        assertTrue(OverlapMap.transposed(ConvSpec.of(2, 2), 5, 5).uniformInside(0));
        assertTrue(OverlapMap.transposed(ConvSpec.of(2, 1), 5, 5).uniformInside(1));
        assertArrayEquals(new int[] {9}, OverlapMap.uniform(4, 4, 9).distinctCounts());
    }
}
