package dev.decoderlens.engine.init;

import dev.decoderlens.engine.Tensor;

/**
 * Keras VarianceScaling, behind glorot_*, he_* and lecun_*: n = fan_in, fan_out or their average; uniform draws in
 * ±sqrt(3 scale / n); truncated_normal draws a normal truncated at two stddevs whose stddev after truncation is
 * sqrt(scale / n) (so before truncation sqrt(scale / n) / 0.87962566103423978); untruncated_normal a plain normal.
 */
public record VarianceScaling(double scale, Mode mode, Distribution distribution, String name) implements Initializer {
    /** Standard deviation of a standard normal truncated to [-2, 2]. */
    static final double TRUNCATED_STDDEV = 0.87962566103423978;

    public enum Mode {
        FAN_IN, FAN_OUT, FAN_AVG
    }

    public enum Distribution {
        UNIFORM, TRUNCATED_NORMAL, UNTRUNCATED_NORMAL
    }

    public VarianceScaling {
        if (!(scale > 0) || mode == null || distribution == null) {
            throw new IllegalArgumentException("VarianceScaling needs scale > 0, a mode and a distribution");
        }
        if (name == null) {
            name = "variance_scaling";
        }
    }

    /** The distribution this initialiser draws from for {@code shape}. */
    public RandomDistribution distributionFor(int[] shape) {
        Fans f = Fans.of(shape);
        double n = Math.max(1.0, switch (mode) {
            case FAN_IN -> f.fanIn();
            case FAN_OUT -> f.fanOut();
            case FAN_AVG -> f.average();
        });
        return switch (distribution) {
            case UNIFORM -> {
                double limit = Math.sqrt(3.0 * scale / n);
                yield new RandomDistribution(RandomDistribution.Kind.UNIFORM, -limit, limit);
            }
            case TRUNCATED_NORMAL ->
                    new RandomDistribution(RandomDistribution.Kind.TRUNCATED_NORMAL, 0, Math.sqrt(scale / n) / TRUNCATED_STDDEV);
            case UNTRUNCATED_NORMAL -> new RandomDistribution(RandomDistribution.Kind.NORMAL, 0, Math.sqrt(scale / n));
        };
    }

    @Override
    public Tensor create(int[] shape, long seed) {
        return distributionFor(shape).create(shape, seed);
    }
}
