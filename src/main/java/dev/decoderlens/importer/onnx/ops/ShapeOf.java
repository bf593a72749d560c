package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/** ONNX Shape: the input's logical shape as a 1-D tensor, optionally the slice [start, end) (opset 15). */
public record ShapeOf(int start, int end) implements Op {
    public static final int ALL = Integer.MAX_VALUE;

    @Override
    public String type() {
        return "Shape";
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        int[] s = in[0].shape();
        int r = s.length;
        int from = Math.clamp(start < 0 ? start + r : start, 0, r);
        int to = Math.clamp(end < 0 ? (long) end + r : end, 0, r);
        int[] part = Arrays.copyOfRange(s, from, Math.max(from, to));
        float[] v = new float[part.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = part[i];
        }
        return new Tensor[] {Tensor.of(new int[] {v.length}, v)};
    }
}
