package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * ONNX Cast. Values stay float32 in the engine; a cast to an integer type truncates toward zero as C does, a cast
 * to bool gives 0 or 1, a cast to float16 rounds to the nearest half.
 */
public record Cast(Target target) implements Op {
    public enum Target { FLOAT, HALF, INTEGER, BOOL }

    @Override
    public String type() {
        return "Cast";
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (target == Target.FLOAT) {
            return new Tensor[] {x};
        }
        float[] v = x.data();
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = switch (target) {
                case INTEGER -> (float) (long) v[i];
                case BOOL -> v[i] != 0 ? 1f : 0f;
                case HALF -> Float.float16ToFloat(Float.floatToFloat16(v[i]));
                case FLOAT -> v[i];
            };
        }
        return new Tensor[] {new Tensor(x.shape(), out, x.layout())};
    }
}
