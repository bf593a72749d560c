package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * Wraps an arithmetic operator whose ONNX result type is an integer (e.g. Div on int64 shape values, where 7 / 2
 * is 3): the engine computes in float32, this truncates toward zero afterwards.
 */
public record TruncatedToInteger(Op inner) implements Op {
    @Override
    public String type() {
        return inner.type();
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor r = inner.apply(in, ctx)[0];
        float[] v = r.data();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (long) v[i];
        }
        return new Tensor[] {new Tensor(r.shape(), out, r.layout())};
    }
}
