package dev.decoderlens.experiment;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.io.SourceImage;

/**
 * Everything one run of the study produced: the crop and its input tensor, the encoder's run and both paths'.
 * Immutable; hand it from the background task to the window as it is.
 */
public record ExperimentResult(ExperimentSettings settings, SourceImage crop, Tensor input, NetworkRun encoder,
                               NetworkRun pathA, NetworkRun pathB) {

    public NetworkRun path(ExperimentSettings.Side side) {
        return side == ExperimentSettings.Side.A ? pathA : pathB;
    }

    public PathConfig config(ExperimentSettings.Side side) {
        return settings.path(side);
    }
}
