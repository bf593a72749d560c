package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.Parallel;

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

    private void normalisePixel(float[] v, float[] out, int base, int c, int before, int after, double[] sq) {
        for (int ch = 0; ch < c; ch++) {
            double a = v[base + ch];
            sq[ch] = a * a;
        }
        double scale = alpha / size;
        double sum = 0; // sum of sq over [ch - before, ch + after], clipped to the channels
        for (int k = 0; k < Math.min(c, after); k++) {
            sum += sq[k];
        }
        for (int ch = 0; ch < c; ch++) {
            if (ch + after < c) {
                sum += sq[ch + after];
            }
            if (ch - before - 1 >= 0) {
                sum -= sq[ch - before - 1];
            }
            double d = bias + scale * Math.max(sum, 0);
            // beta = 0.75 (every AlexNet-era model) as two square roots instead of pow
            double denom = beta == 0.75f ? Math.sqrt(d) * Math.sqrt(Math.sqrt(d)) : Math.pow(d, beta);
            out[base + ch] = (float) (v[base + ch] / denom);
        }
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
        int blocks = Math.max(1, Math.min(64, pixels / 256));
        // Pixels are independent: blocks of them run in parallel, each with a running window sum over channels.
        Parallel.forEach(blocks, b -> {
            ctx.checkCancelled();
            double[] sq = new double[c];
            for (int p = (int) ((long) pixels * b / blocks), end = (int) ((long) pixels * (b + 1) / blocks); p < end; p++) {
                normalisePixel(v, out, p * c, c, before, after, sq);
            }
        });        return new Tensor[] {new Tensor(x.shape(), out, x.layout())};
    }
}
