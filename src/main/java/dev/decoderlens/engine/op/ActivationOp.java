package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/** An {@link Activation} as a graph node: elementwise, the output keeps the input's shape and storage. */
public final class ActivationOp implements Op {
    private final Activation activation;

    public ActivationOp(Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("ActivationOp needs an activation");
        }
        this.activation = activation;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public String type() {
        return activation.name();
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor x = OpInputs.require(inputs, 0, type());
        float[] y = x.data().clone();
        activation.applyInPlace(y, 0, y.length);
        return new Tensor[] {new Tensor(x.shape(), y, x.layout())};
    }
}
