package dev.decoderlens.experiment;

/** Everything that defines one decoder path: its layers, its output activation and its weights. */
public record PathConfig(DecoderPathSpec path, OutputActivation outputActivation, WeightInit init) {
    public PathConfig {
        if (path == null || outputActivation == null || init == null) {
            throw new IllegalArgumentException("path, output activation and initialiser must be given");
        }
    }

    public PathConfig withPath(DecoderPathSpec p) {
        return new PathConfig(p, outputActivation, init);
    }

    public PathConfig withOutputActivation(OutputActivation a) {
        return new PathConfig(path, a, init);
    }

    public PathConfig withInit(WeightInit i) {
        return new PathConfig(path, outputActivation, i);
    }

    /** "transposed conv k3 s2 same, 2 stages (128, 64), sigmoid, glorot_uniform seed 1". */
    public String describe() {
        return path.describe() + ", " + outputActivation.label() + " output, " + init.initialiser().label() + " seed " + init.seed();
    }
}
