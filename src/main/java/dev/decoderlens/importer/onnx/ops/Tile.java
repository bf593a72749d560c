package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/** ONNX Tile: repeats the input {@code repeats[i]} times along each axis. */
public record Tile(int[] repeats) implements Op {
    @Override
    public String type() {
        return "Tile";
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0].toRowMajor();
        int[] s = x.shape();
        if (repeats.length != s.length) {
            throw new IllegalArgumentException("Tile needs one repeat count per axis: " + repeats.length + " for rank " + s.length);
        }
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i] * repeats[i];
        }
        int n = Broadcast.checkedSize(out);
        float[] v = new float[n];
        float[] src = x.data();
        int[] idx = new int[s.length];
        for (int p = 0; p < n; p++) {
            int off = 0;
            for (int a = 0; a < s.length; a++) {
                off = off * s[a] + idx[a] % s[a];
            }
            v[p] = src[off];
            for (int a = s.length - 1; a >= 0; a--) {
                if (++idx[a] < out[a]) {
                    break;
                }
                idx[a] = 0;
            }
        }
        return new Tensor[] {Tensor.of(out, v)};
    }
}
