package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * y = x for x >= 0, slope * x otherwise, the slope broadcast to the input (ONNX unidirectional broadcasting: a
 * (C, 1, 1) slope is per channel, Keras's shared_axes=[1, 2] after the importer's conversion).
 */
public final class PRelu implements Op {
    private static final Broadcast.FloatOp PRELU = (x, s) -> x >= 0 ? x : x * s;
    private final Tensor slope;

    public PRelu(Tensor slope) {
        if (slope == null) {
            throw new IllegalArgumentException("PRelu needs a slope tensor");
        }
        this.slope = slope;
    }

    @Override
    public String type() {
        return "PRelu";
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        Broadcast.checkUnidirectional(slope.shape(), x.shape(), type(), "slope");
        return new Tensor[] {Binary.combine(x, slope, PRELU, type())};
    }
}
