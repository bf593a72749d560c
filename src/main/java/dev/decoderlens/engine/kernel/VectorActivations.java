package dev.decoderlens.engine.kernel;

import static dev.decoderlens.engine.kernel.VectorTiles.S;
import static dev.decoderlens.engine.kernel.VectorTiles.VL;
import static dev.decoderlens.engine.op.SigmoidMath.LN2_HI;
import static dev.decoderlens.engine.op.SigmoidMath.LN2_LO;
import static dev.decoderlens.engine.op.SigmoidMath.LOG2E;
import static dev.decoderlens.engine.op.SigmoidMath.MIN_ARG;
import static dev.decoderlens.engine.op.SigmoidMath.P0;
import static dev.decoderlens.engine.op.SigmoidMath.P1;
import static dev.decoderlens.engine.op.SigmoidMath.P2;
import static dev.decoderlens.engine.op.SigmoidMath.P3;
import static dev.decoderlens.engine.op.SigmoidMath.P4;
import static dev.decoderlens.engine.op.SigmoidMath.P5;
import static dev.decoderlens.engine.op.SigmoidMath.ROUNDER;
import static dev.decoderlens.engine.op.SigmoidMath.ROUNDER_BITS;

import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.SigmoidMath;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused activations over a range of freshly written outputs. ReLU and the sigmoid are vectorised; the sigmoid repeats
 * {@link SigmoidMath}'s operations lane by lane in the same order, so it gives the scalar code's bits. Tanh and the
 * rest go through the scalar {@link Activation} ({@code StrictMath}): the Vector API's lane-wise EXP and TANH give
 * different last bits before and after the JIT intrinsifies them, which broke bit-for-bit session replay.
 */
final class VectorActivations {
    private VectorActivations() {
    }

    static void apply(Activation act, float[] v, int from, int to) {
        int i = from;
        if (act == Activation.RELU) {
            FloatVector zero = FloatVector.zero(S);
            for (; i <= to - VL; i += VL) {
                FloatVector.fromArray(S, v, i).max(zero).intoArray(v, i);
            }
        } else if (act == Activation.SIGMOID) {
            for (; i <= to - VL; i += VL) {
                sigmoid(FloatVector.fromArray(S, v, i)).intoArray(v, i);
            }
        }
        act.applyInPlace(v, i, to);
    }

    /** {@link SigmoidMath#sigmoid} lane-wise. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector t = x.abs().neg().max(MIN_ARG);
        FloatVector k = t.mul(LOG2E).add(ROUNDER);
        IntVector n = k.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector nf = k.sub(ROUNDER);
        FloatVector r = nf.fma(FloatVector.broadcast(S, -LN2_HI), t);
        r = nf.fma(FloatVector.broadcast(S, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(S, P0).fma(r, FloatVector.broadcast(S, P1));
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector er = p.fma(r.mul(r), r).add(1f);
        FloatVector scale = n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = er.mul(scale);
        FloatVector d = e.add(1f);
        FloatVector one = FloatVector.broadcast(S, 1f);
        return one.div(d).blend(e.div(d), x.lt(0f));
    }
}
