package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.VL;

/**
 * The lane sums of the dot-product tiles' accumulators ({@link VectorDotTiles}), which store all of them one after
 * another in a scratch array first: 16 independent sums, so the adds of different sums overlap, where a store and
 * sixteen dependent adds per accumulator in turn had cost more than the dot products on a 64 -> 3 layer (9.5 ->
 * 7.5 ms at 512x512). Scalar adds in a fixed order, so the bits do not depend on the JIT ({@code reduceLanes}
 * leaves the order open, and the first run in a JVM then gave other last bits than the next). A transposing tree of
 * lane shuffles and blends was tried, and was slower than this.
 */
final class LaneSums {
    private LaneSums() {
    }

    /** sums[to + k] = sum of the lanes of the vector stored at acc[from + k*VL], for k &lt; count. */
    static void of(float[] acc, int from, int count, float[] sums, int to) {
        for (int k = 0; k < count; k++) {
            int a = from + k * VL;
            float s = 0;
            for (int l = 0; l < VL; l++) {
                s += acc[a + l];
            }
            sums[to + k] = s;
        }
    }
}
