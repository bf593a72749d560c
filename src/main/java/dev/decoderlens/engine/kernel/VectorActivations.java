package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.S;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;

import dev.decoderlens.engine.op.Activation;
import jdk.incubator.vector.FloatVector;

/**
 * Fused activations over a range of freshly written outputs. Only ReLU is vectorised: sigmoid and tanh go through
 * the scalar {@link Activation}, which uses {@code StrictMath}, because the Vector API's lanewise EXP and TANH give
 * different last bits before and after the JIT intrinsifies them, so the first run in a JVM differed from later
 * runs by an ulp and a saved session did not reproduce its outputs bit for bit.
 */
final class VectorActivations {
    private VectorActivations() {
    }

    static void apply(Activation act, float[] v, int from, int to) {
        if (act != Activation.RELU) {
            act.applyInPlace(v, from, to);
            return;
        }
        int i = from;
        FloatVector zero = FloatVector.zero(S);
        for (; i <= to - VL; i += VL) {
            FloatVector.fromArray(S, v, i).max(zero).intoArray(v, i);
        }
        act.applyInPlace(v, i, to);
    }
}
