package dev.decoderlens.app.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FilterStatsTest {
    @Test
    void momentsAndHistogramOfAKnownMap() {
        float[] v = {1, 2, 3, 4};
        FilterStats s = FilterStats.of(v, Float.NaN, Float.NaN);
        assertEquals(2.5, s.mean(), 1e-12);
        assertEquals(Math.sqrt(1.25), s.std(), 1e-12, "population standard deviation");
        assertEquals(1f, s.min());
        assertEquals(4f, s.max());
        assertEquals(4, Arrays.stream(s.histogram()).sum());
        assertEquals(1, s.histogram()[0]);
        assertEquals(1, s.histogram()[FilterStats.BINS - 1]);
        assertTrue(Double.isNaN(s.saturatedShare()));
        assertEquals("", s.verdict());
    }

    @Test
    void deadAndSaturatedMaps() {
        FilterStats dead = FilterStats.of(new float[9], 0, Float.NaN);
        assertTrue(dead.dead());
        assertTrue(dead.verdict().startsWith("Dead"));
        float[] sig = {0.9995f, 0.99999f, 1f, 0.5f};
        FilterStats s = FilterStats.of(sig, 0, 1);
        assertFalse(s.dead());
        assertEquals(0.75, s.saturatedShare(), 1e-12);
        assertTrue(s.verdict().startsWith("Saturated"), s.verdict());
        assertEquals(0f, FilterStats.limits("Sigmoid")[0]);
        assertTrue(Float.isNaN(FilterStats.limits("Relu")[0]));
    }
}
