package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * ONNX LRN (local response normalisation across channels), as AlexNet-era models use it:
 * y = x / (bias + alpha / size * sum of x^2 over the channel window)^beta. Works on channels-last storage, where
 * each pixel's channels are contiguous.
 */
public record Lrn(int size, float alpha, float beta, float bias) implements Op {
    @Override
    public String type() {
        return "LRN";
    }

    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (x.rank() != 4) {
            throw new IllegalArgumentException("LRN expects a rank-4 input, got rank " + x.rank());
        }
        x = x.toNhwc();
        int c = x.dim(1);
        int pixels = x.size() / Math.max(c, 1);
        int before = (size - 1) / 2;
        int after = size - 1 - before; // ceil((size - 1) / 2)
        float[] v = x.data();
        float[] out = new float[v.length];
        double scale = alpha / size;
        double[] sq = new double[c];
        for (int p = 0; p < pixels; p++) {
            int base = p * c;
            for (int ch = 0; ch < c; ch++) {
                double a = v[base + ch];
                sq[ch] = a * a;
            }
            for (int ch = 0; ch < c; ch++) {
                double sum = 0;
                for (int k = Math.max(0, ch - before); k <= Math.min(c - 1, ch + after); k++) {
                    sum += sq[k];
                }
                out[base + ch] = (float) (v[base + ch] / Math.pow(bias + scale * sum, beta));
            }
            if ((p & 1023) == 0) {
                ctx.checkCancelled();
            }
        }
        return new Tensor[] {new Tensor(x.shape(), out, x.layout())};
    }
}
