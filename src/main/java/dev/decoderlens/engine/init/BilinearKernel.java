package dev.decoderlens.engine.init;

import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * The bilinear upsampling kernel of FCN (Long et al. 2015, upsample_filt) for a ConvTranspose2D weight
 * (Cin, Cout, kH, kW): per axis factor f = ceil(k / 2), centre f - 1 (odd k) or f - 0.5 (even k), weight
 * 1 - |x - centre| / f; channel pair (c, c) gets the outer product, every other pair zero. With stride f and
 * kernel 2f - f mod 2 (k 4, stride 2, pads 1 for 2x) the transposed convolution is then bilinear upsampling with
 * half-pixel centres away from the border. The seed is not used.
 */
public record BilinearKernel() implements Initializer {

    @Override
    public String name() {
        return "bilinear";
    }

    @Override
    public Tensor create(int[] shape, long seed) {
        if (shape.length != 4) {
            throw new IllegalArgumentException("the bilinear kernel needs a (Cin, Cout, kH, kW) weight, got " + Shapes.toString(shape));
        }
        int cin = shape[0], cout = shape[1], kh = shape[2], kw = shape[3];
        double[] fy = filter1d(kh), fx = filter1d(kw);
        float[] w = new float[Fans.count(shape)];
        for (int c = 0; c < Math.min(cin, cout); c++) {
            int base = (c * cout + c) * kh * kw;
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    w[base + y * kw + x] = (float) (fy[y] * fx[x]);
                }
            }
        }
        return Tensor.of(shape, w);
    }

    /** The 1-D tent of FCN's upsample_filt for a kernel of size k. */
    public static double[] filter1d(int k) {
        int factor = (k + 1) / 2;
        double centre = k % 2 == 1 ? factor - 1 : factor - 0.5;
        double[] f = new double[k];
        for (int x = 0; x < k; x++) {
            f[x] = 1 - Math.abs(x - centre) / factor;
        }
        return f;
    }
}
