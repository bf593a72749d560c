package dev.decoderlens.engine;

/**
 * One operator: a pure function from input tensors to output tensors, with its attributes and weights fixed at
 * construction. Implementations live in {@code engine.op}, one class each, and must not keep state between calls
 * (the executor may run the same graph from several threads one after another).
 */
public interface Op {
    /** A short type name shown to the user and used for per-type timings: "Conv", "ConvTranspose", "Relu". */
    String type();

    /**
     * Computes the outputs. Inputs that are optional and absent are {@code null}. Long operators call
     * {@link ExecContext#checkCancelled()} between blocks of work.
     */
    Tensor[] apply(Tensor[] inputs, ExecContext ctx);

    /** Multiply-accumulate count for these input shapes, for GFLOP/s figures; 0 where it does not matter. */
    default long macs(int[][] inputShapes) {
        return 0;
    }
}
