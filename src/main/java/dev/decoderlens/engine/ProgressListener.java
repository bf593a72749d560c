package dev.decoderlens.engine;

/** Told after each node, so a window can show per-layer progress. Called on the executing thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, run) -> { };

    void nodeDone(int done, int total, Trace.NodeRun run);
}
