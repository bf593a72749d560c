package dev.decoderlens.engine.init;

import java.util.SplittableRandom;

/**
 * The seeded random stream behind every initialiser. {@link SplittableRandom}'s sequence is specified exactly, and
 * the normal draws are written out here (Box-Muller with {@link StrictMath}) rather than taken from a JDK's
 * nextGaussian, so a seed gives bit-identical weights on every machine and JDK.
 */
final class RandomSource {
    private final SplittableRandom random;
    private double spare = Double.NaN;

    RandomSource(long seed) {
        random = new SplittableRandom(seed);
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + random.nextDouble() * (hi - lo);
    }

    /** Standard normal. */
    double gaussian() {
        if (!Double.isNaN(spare)) {
            double s = spare;
            spare = Double.NaN;
            return s;
        }
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log stays finite
        double u2 = random.nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double t = 2.0 * StrictMath.PI * u2;
        spare = r * StrictMath.sin(t);
        return r * StrictMath.cos(t);
    }

    /** Standard normal redrawn while beyond two standard deviations (TensorFlow's truncated_normal). */
    double truncatedGaussian() {
        double g;
        do {
            g = gaussian();
        } while (Math.abs(g) > 2.0);
        return g;
    }
}
