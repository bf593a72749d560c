package dev.decoderlens.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** forEach must not return while a helper thread is still inside a task (it used to, and outputs had holes). */
class ParallelCompletionTest {
    @Test
    void everyTaskHasFinishedWhenForEachReturns() {
        for (int round = 0; round < 200; round++) {
            AtomicInteger done = new AtomicInteger();
            int n = 2 + round % 7;
            Parallel.forEach(n, i -> {
                if (i % 2 == 1) {
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(0, 200_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                done.incrementAndGet();
            });
            assertEquals(n, done.get(), "round " + round);
        }
    }
}
