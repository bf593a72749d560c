package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.S;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;

import dev.decoderlens.engine.op.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused activations over a range of freshly written outputs, vectorised for the ones decoders end with (sigmoid,
 * tanh) and ReLU; any other activation falls back to its scalar {@link Activation#applyInPlace}.
 */
final class VectorActivations {
    private VectorActivations() {
    }

    static void apply(Activation act, float[] v, int from, int to) {
        if (act == Activation.IDENTITY) {
            return;
        }
        boolean sigmoid = act == Activation.SIGMOID, tanh = act == Activation.TANH, relu = act == Activation.RELU;
        if (!sigmoid && !tanh && !relu) {
            act.applyInPlace(v, from, to);
            return;
        }
        int i = from;
        FloatVector one = FloatVector.broadcast(S, 1f), zero = FloatVector.zero(S);
        for (; i <= to - VL; i += VL) {
            FloatVector x = FloatVector.fromArray(S, v, i);
            if (sigmoid) {
                // 1 / (1 + e^-x): e^-x overflows to +inf for very negative x, giving exactly 0, as it should
                x = one.div(x.neg().lanewise(VectorOperators.EXP).add(one));
            } else if (tanh) {
                x = x.lanewise(VectorOperators.TANH);
            } else {
                x = x.max(zero);
            }
            x.intoArray(v, i);
        }
        act.applyInPlace(v, i, to);
    }
}
