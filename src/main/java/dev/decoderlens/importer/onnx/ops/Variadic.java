package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * ONNX Sum / Max / Min / Mean over any number of inputs, as a left fold of an engine binary operator (which
 * brings numpy broadcasting); Mean divides at the end.
 */
public record Variadic(String type, Op pairwise, boolean mean) implements Op {
    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor acc = in[0];
        for (int i = 1; i < in.length; i++) {
            acc = pairwise.apply(new Tensor[] {acc, in[i]}, ctx)[0];
        }
        if (mean && in.length > 1) {
            float[] v = acc.data();
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] / in.length;
            }
            acc = new Tensor(acc.shape(), out, acc.layout());
        }
        return new Tensor[] {acc};
    }
}
