package dev.decoderlens.experiment;

/**
 * An initialiser with its seed: the same seed gives the same weights on every run and machine.
 *
 * @param constant the value every weight takes for {@link Initialiser#CONSTANT}; ignored otherwise
 */
public record WeightInit(Initialiser initialiser, long seed, float constant) {
    public static final long DEFAULT_SEED = 1;
    public static final float DEFAULT_CONSTANT = 0.01f;

    public WeightInit {
        if (initialiser == null) {
            throw new IllegalArgumentException("initialiser must not be null");
        }
    }

    public static WeightInit of(Initialiser initialiser, long seed) {
        return new WeightInit(initialiser, seed, DEFAULT_CONSTANT);
    }

    public static WeightInit glorot(long seed) {
        return of(Initialiser.GLOROT_UNIFORM, seed);
    }

    public WeightInit withSeed(long s) {
        return new WeightInit(initialiser, s, constant);
    }

    public WeightInit withInitialiser(Initialiser i) {
        return new WeightInit(i, seed, constant);
    }
}
