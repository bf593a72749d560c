package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * ONNX Gather: picks slices along {@code axis} by integer indices (negative ones count from the end). Output shape
 * is data.shape[:axis] + indices.shape + data.shape[axis+1:].
 */
public record Gather(int axis) implements Op {
    @Override
    public String type() {
        return "Gather";
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor data = in[0].toRowMajor();
        Tensor indices = in[1].toRowMajor();
        int[] ds = data.shape();
        int a = axis < 0 ? axis + ds.length : axis;
        if (a < 0 || a >= ds.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + ds.length);
        }
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= ds[i];
        }
        int inner = 1;
        for (int i = a + 1; i < ds.length; i++) {
            inner *= ds[i];
        }
        int[] is = indices.shape();
        int[] os = new int[ds.length - 1 + is.length];
        System.arraycopy(ds, 0, os, 0, a);
        System.arraycopy(is, 0, os, a, is.length);
        System.arraycopy(ds, a + 1, os, a + is.length, ds.length - a - 1);
        float[] idx = indices.data();
        float[] src = data.data();
        float[] out = new float[outer * idx.length * inner];
        int n = ds[a];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < idx.length; k++) {
                int j = (int) idx[k];
                if (j < 0) {
                    j += n;
                }
                if (j < 0 || j >= n) {
                    throw new IllegalArgumentException("index " + (int) idx[k] + " is out of range for a dimension of " + n);
                }
                System.arraycopy(src, (o * n + j) * inner, out, (o * idx.length + k) * inner, inner);
            }
        }
        return new Tensor[] {Tensor.of(os, out)};
    }
}
