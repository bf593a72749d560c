package dev.decoderlens.experiment;

import dev.decoderlens.engine.Trace;

/** Told after each layer of a run, on the running thread. */
@FunctionalInterface
public interface RunProgress {
    RunProgress NONE = (phase, done, total, run) -> { };

    /** Which network of the study is running. */
    enum Phase {
        ENCODER, PATH_A, PATH_B;

        public static Phase of(ExperimentSettings.Side side) {
            return side == ExperimentSettings.Side.A ? PATH_A : PATH_B;
        }
    }

    /** {@code done} of {@code total} layers of {@code phase} have run; {@code run} is the last one's timing. */
    void layerDone(Phase phase, int done, int total, Trace.NodeRun run);
}
