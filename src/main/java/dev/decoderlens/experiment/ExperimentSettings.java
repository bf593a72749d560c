package dev.decoderlens.experiment;

import dev.decoderlens.io.ColorMode;
import dev.decoderlens.io.InputScaling;

/**
 * One complete setting of the built-in study, except the image: encoder, input scaling and colour, and the two
 * decoder paths. A value: hand it to a background task as it is.
 */
public record ExperimentSettings(EncoderSpec encoder, InputScaling scaling, ColorMode colorMode, PathConfig pathA, PathConfig pathB) {

    /** Which of the two decoder paths. */
    public enum Side {
        A, B;

        public String label() {
            return "path " + name();
        }
    }

    public ExperimentSettings {
        if (encoder == null || scaling == null || colorMode == null || pathA == null || pathB == null) {
            throw new IllegalArgumentException("every part of the experiment settings must be given");
        }
    }

    public PathConfig path(Side side) {
        return side == Side.A ? pathA : pathB;
    }

    public ExperimentSettings withPath(Side side, PathConfig p) {
        return side == Side.A ? withPathA(p) : withPathB(p);
    }

    public ExperimentSettings withPathA(PathConfig p) {
        return new ExperimentSettings(encoder, scaling, colorMode, p, pathB);
    }

    public ExperimentSettings withPathB(PathConfig p) {
        return new ExperimentSettings(encoder, scaling, colorMode, pathA, p);
    }

    public ExperimentSettings withEncoder(EncoderSpec e) {
        return new ExperimentSettings(e, scaling, colorMode, pathA, pathB);
    }

    public ExperimentSettings withScaling(InputScaling s) {
        return new ExperimentSettings(encoder, s, colorMode, pathA, pathB);
    }

    public ExperimentSettings withColorMode(ColorMode c) {
        return new ExperimentSettings(encoder, scaling, c, pathA, pathB);
    }
}
