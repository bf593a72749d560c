package dev.decoderlens.engine.init;

import dev.decoderlens.engine.Tensor;

/**
 * Keras RandomUniform(minval, maxval), RandomNormal(mean, stddev) and TruncatedNormal(mean, stddev) (values beyond
 * two stddevs redrawn; stddev is the one before truncation, as in Keras).
 */
public record RandomDistribution(Kind kind, double a, double b) implements Initializer {

    public enum Kind {
        /** a = minval, b = maxval. */
        UNIFORM,
        /** a = mean, b = stddev. */
        NORMAL,
        /** a = mean, b = stddev before truncation at two stddevs. */
        TRUNCATED_NORMAL
    }

    public RandomDistribution {
        if (kind == null) {
            throw new IllegalArgumentException("RandomDistribution needs a kind");
        }
        if (kind == Kind.UNIFORM ? !(a <= b) : !(b >= 0)) {
            throw new IllegalArgumentException(kind == Kind.UNIFORM ? "uniform needs minval <= maxval, got " + a + ", " + b
                    : "normal needs stddev >= 0, got " + b);
        }
    }

    @Override
    public String name() {
        return switch (kind) {
            case UNIFORM -> "random_uniform";
            case NORMAL -> "random_normal";
            case TRUNCATED_NORMAL -> "truncated_normal";
        };
    }

    @Override
    public Tensor create(int[] shape, long seed) {
        return Tensor.of(shape, fill(Fans.count(shape), seed));
    }

    float[] fill(int n, long seed) {
        RandomSource r = new RandomSource(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) switch (kind) {
                case UNIFORM -> r.uniform(a, b);
                case NORMAL -> a + b * r.gaussian();
                case TRUNCATED_NORMAL -> a + b * r.truncatedGaussian();
            };
        }
        return w;
    }
}
