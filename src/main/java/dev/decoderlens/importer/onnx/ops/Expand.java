package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/** ONNX Expand: broadcasts the input to the broadcast of its shape and {@code shape}. */
public record Expand(int[] shape) implements Op {
    @Override
    public String type() {
        return "Expand";
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0].toRowMajor();
        int[] out = Broadcast.shape(x.shape(), shape);
        int[] map = Broadcast.sourceOffsets(x.shape(), out);
        float[] src = x.data();
        float[] v = new float[map.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = src[map[i]];
        }
        return new Tensor[] {Tensor.of(out, v)};
    }
}
