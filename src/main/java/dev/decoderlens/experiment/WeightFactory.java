package dev.decoderlens.experiment;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.init.BilinearKernel;
import dev.decoderlens.engine.init.Constant;
import dev.decoderlens.engine.init.Icnr;
import dev.decoderlens.engine.init.Initializer;
import dev.decoderlens.engine.init.Initializers;

/**
 * Draws the weights of one layer from a {@link WeightInit}, with the engine's Keras-compatible initialisers
 * ({@code engine.init}). Every layer gets its own seed, made from the init's seed and the layer's name, so
 * changing one layer never changes another's weights, and the same seed gives the same weights on every machine
 * ({@link String#hashCode} is specified exactly).
 *
 * <p>Fans follow Keras: a convolution kernel (Cout, Cin, k, k) has fan_in = Cin k^2 and fan_out = Cout k^2; a
 * transposed convolution stores (Cin, Cout, k, k) and Keras counts its fan_in as Cout k^2, fan_out as Cin k^2.
 * The kernel-shaped initialisers apply where they were designed for (ICNR: a convolution before a depth-to-space;
 * bilinear: a transposed convolution); every other layer of the path gets glorot_uniform.
 */
public final class WeightFactory {
    private WeightFactory() {
    }

    /** Weights (Cout, Cin, k, k) of a convolution. */
    public static Tensor conv(LayerOp.Conv c, WeightInit init, String layerName) {
        int k = c.spec().kernelH();
        int[] shape = {c.outChannels(), c.inChannels(), k, k};
        Initializer i = init.initialiser() == Initialiser.ICNR && c.icnrScale() > 1
                ? new Icnr(Initializers.glorotUniform(), c.icnrScale(), c.crd())
                : elementwise(init);
        return i.create(shape, seed(init, layerName));
    }

    /** Weights (Cin, Cout, k, k) of a transposed convolution. */
    public static Tensor transposed(LayerOp.Transposed t, WeightInit init, String layerName) {
        int k = t.spec().kernelH(), cin = t.inChannels(), cout = t.outChannels();
        if (init.initialiser() == Initialiser.BILINEAR) {
            return bilinear(cin, cout, k, t.spec().strideH());
        }
        return elementwise(init).create(new int[] {cin, cout, k, k}, seed(init, layerName));
    }

    /** Zero biases, as Keras starts them. */
    public static Tensor bias(int channels) {
        return Tensor.zeros(channels);
    }

    private static Initializer elementwise(WeightInit init) {
        return switch (init.initialiser()) {
            case HE_NORMAL -> Initializers.named("he_normal");
            case CONSTANT -> new Constant(init.constant());
            default -> Initializers.glorotUniform();
        };
    }

    static long seed(WeightInit init, String layerName) {
        return init.seed() * 0x9E3779B97F4A7C15L + layerName.hashCode();
    }

    /**
     * The bilinear interpolation kernel (FCN's upsample_filt: factor f = ceil(k / 2), centre f - 1 for odd k and
     * f - 0.5 for even k, weight (1 - |x - centre| / f) per axis), scaled so that the taps reaching each output
     * phase sum to 1 on average: a constant input then gives the same constant inside the border. Input channel
     * ci feeds output channel ci mod Cout (or output co reads input co mod Cin), averaged over the inputs an
     * output receives. This differs from the engine's {@code BilinearKernel} (channel pairs (c, c) only, no
     * rescaling) on purpose: the decoders here halve the channels per stage (256 -> 128), and a k2 s2 kernel would
     * otherwise quarter the signal; the study wants "bilinear" to mean a flat input stays flat at the same level.
     */
    static Tensor bilinear(int cin, int cout, int k, int stride) {
        double[] f1 = bilinear1d(k, stride);
        int kk = k * k;
        float[] w = new float[cin * cout * kk];
        int[] fanIn = new int[cout];
        for (int ci = 0; ci < cin; ci++) {
            for (int co = 0; co < cout; co++) {
                if (connected(ci, co, cin, cout)) {
                    fanIn[co]++;
                }
            }
        }
        for (int ci = 0; ci < cin; ci++) {
            for (int co = 0; co < cout; co++) {
                if (!connected(ci, co, cin, cout)) {
                    continue;
                }
                int base = (ci * cout + co) * kk;
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        w[base + y * k + x] = (float) (f1[y] * f1[x] / fanIn[co]);
                    }
                }
            }
        }
        return Tensor.of(new int[] {cin, cout, k, k}, w);
    }

    private static boolean connected(int ci, int co, int cin, int cout) {
        return cin >= cout ? ci % cout == co : co % cin == ci;
    }

    static double[] bilinear1d(int k, int stride) {
        double[] f = BilinearKernel.filter1d(k);
        // Taps that reach output phase q are x = q, q + s, q + 2s, ...: make their sums average 1.
        double total = 0;
        for (double v : f) {
            total += v;
        }
        double perPhase = total / Math.max(1, stride);
        for (int x = 0; x < k; x++) {
            f[x] /= perPhase;
        }
        return f;
    }
}
