package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * ONNX Split: cuts the input along {@code axis} into {@code sizes} (or, when null, {@code count} parts of
 * ceil(dim / count), the last one smaller, as opset 18 defines the equal split).
 */
public record Split(int axis, int[] sizes, int count) implements Op {
    @Override
    public String type() {
        return "Split";
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0].toRowMajor();
        int[] s = x.shape();
        int a = axis < 0 ? axis + s.length : axis;
        if (a < 0 || a >= s.length) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + s.length);
        }
        int[] parts = sizes != null ? sizes : equalParts(s[a], count);
        int total = 0;
        for (int p : parts) {
            if (p < 0) {
                throw new IllegalArgumentException("negative split size " + p);
            }
            total += p;
        }
        if (total != s[a]) {
            throw new IllegalArgumentException("split sizes add up to " + total + ", the axis has " + s[a]);
        }
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= s[i];
        }
        int inner = 1;
        for (int i = a + 1; i < s.length; i++) {
            inner *= s[i];
        }
        float[] src = x.data();
        Tensor[] out = new Tensor[parts.length];
        int start = 0;
        for (int k = 0; k < parts.length; k++) {
            int[] os = s.clone();
            os[a] = parts[k];
            float[] v = new float[outer * parts[k] * inner];
            int block = parts[k] * inner;
            for (int o = 0; o < outer; o++) {
                System.arraycopy(src, (o * s[a] + start) * inner, v, o * block, block);
            }
            out[k] = Tensor.of(os, v);
            start += parts[k];
        }
        return out;
    }

    private static int[] equalParts(int dim, int count) {
        int each = (dim + count - 1) / count;
        int[] p = new int[count];
        for (int k = 0; k < count; k++) {
            p[k] = Math.max(0, Math.min(each, dim - k * each));
        }
        return p;
    }
}
