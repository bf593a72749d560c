package dev.decoderlens.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FMA peak of this machine as it is right now: sixteen independent vector FMA chains per thread, no memory
 * traffic, on every core at once. Shared machines run below their nominal clock (measured here: about 200 GFLOP/s per
 * core on a day when the nominal figure was 272), so the benchmark reports efficiency against both.
 */
final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static volatile float sink;

    private FmaPeak() {
    }

    /** GFLOP/s of all cores together, the best of three rounds of about half a second. */
    static double measure() throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        long iters = 20_000_000;
        chains(1_000_000); // compile
        double best = 0;
        for (int round = 0; round < 3; round++) {
            Thread[] ts = new Thread[threads];
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                ts[t] = new Thread(() -> chains(iters));
                ts[t].start();
            }
            for (Thread t : ts) {
                t.join();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, threads * iters * 16.0 * 2 * S.length() / seconds / 1e9);
        }
        return best;
    }

    private static void chains(long n) {
        float[] seed = new float[2 * S.length()];
        java.util.Arrays.fill(seed, 0.5f);
        FloatVector m = FloatVector.fromArray(S, seed, 0), a = FloatVector.fromArray(S, seed, S.length());
        FloatVector c0 = m, c1 = a, c2 = m, c3 = a, c4 = m, c5 = a, c6 = m, c7 = a;
        FloatVector c8 = m, c9 = a, c10 = m, c11 = a, c12 = m, c13 = a, c14 = m, c15 = a;
        for (long i = 0; i < n; i++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
            c12 = c12.fma(m, a);
            c13 = c13.fma(m, a);
            c14 = c14.fma(m, a);
            c15 = c15.fma(m, a);
        }
        sink = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).add(c12)
                .add(c13).add(c14).add(c15).reduceLanes(VectorOperators.ADD);
    }
}
