package dev.decoderlens.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyIndexRunsExactlyOnceAndAllAreDoneOnReturn() {
        for (int round = 0; round < 200; round++) {
            int n = 1 + round % 37;
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            Parallel.forEach(n, i -> {
                // uneven work so that the helper is often still busy when the caller runs out of indices
                long spin = System.nanoTime() + (i % 3 == 0 ? 20_000 : 0);
                while (System.nanoTime() < spin) {
                    Thread.onSpinWait();
                }
                hits.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) {
                assertEquals(1, hits.get(i), "index " + i + " of " + n);
            }
        }
    }

    @Test
    void theFirstFailureReachesTheCaller() {
        IllegalStateException boom = new IllegalStateException("boom");
        var e = assertThrows(IllegalStateException.class, () -> Parallel.forEach(50, i -> {
            if (i == 17) {
                throw boom;
            }
        }));
        assertSame(boom, e);
    }

    @Test
    void nestedCallsComplete() {
        AtomicIntegerArray hits = new AtomicIntegerArray(64);
        Parallel.forEach(8, i -> Parallel.forEach(8, j -> hits.incrementAndGet(i * 8 + j)));
        for (int i = 0; i < 64; i++) {
            assertEquals(1, hits.get(i));
        }
    }
}
