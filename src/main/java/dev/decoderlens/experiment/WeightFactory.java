package dev.decoderlens.experiment;

import dev.decoderlens.engine.Tensor;
import java.util.SplittableRandom;

/**
 * Draws the weights of one layer from a {@link WeightInit}. Every layer gets its own random stream, seeded from
 * the init's seed and the layer's name, so changing one layer never changes another's weights, and the same seed
 * gives the same weights on every machine ({@link SplittableRandom} and {@link String#hashCode} are specified
 * exactly).
 *
 * <p>Fans follow Keras: a convolution kernel (Cout, Cin, k, k) has fan_in = Cin k^2 and fan_out = Cout k^2; a
 * transposed convolution stores (Cin, Cout, k, k) and Keras counts its fan_in as Cout k^2, fan_out as Cin k^2.
 */
public final class WeightFactory {
    /** Keras' he_normal draws from a normal truncated at two standard deviations, whose std is this fraction. */
    private static final double TRUNCATED_STD = 0.87962566103423978;

    private WeightFactory() {
    }

    /** Weights (Cout, Cin, k, k) of a convolution. */
    public static Tensor conv(LayerOp.Conv c, WeightInit init, String layerName) {
        int k = c.spec().kernelH(), cin = c.inChannels(), cout = c.outChannels();
        SplittableRandom rnd = stream(init, layerName);
        if (init.initialiser() == Initialiser.ICNR && c.icnrScale() > 1) {
            return icnr(cout, cin, k, c.icnrScale(), c.crd(), rnd);
        }
        Initialiser kind = init.initialiser() == Initialiser.HE_NORMAL || init.initialiser() == Initialiser.CONSTANT
                ? init.initialiser() : Initialiser.GLOROT_UNIFORM;
        float[] w = draw(kind, cout * cin * k * k, cin * k * k, cout * k * k, init.constant(), rnd);
        return Tensor.of(new int[] {cout, cin, k, k}, w);
    }

    /** Weights (Cin, Cout, k, k) of a transposed convolution. */
    public static Tensor transposed(LayerOp.Transposed t, WeightInit init, String layerName) {
        int k = t.spec().kernelH(), cin = t.inChannels(), cout = t.outChannels();
        if (init.initialiser() == Initialiser.BILINEAR) {
            return bilinear(cin, cout, k, t.spec().strideH());
        }
        Initialiser kind = init.initialiser() == Initialiser.HE_NORMAL || init.initialiser() == Initialiser.CONSTANT
                ? init.initialiser() : Initialiser.GLOROT_UNIFORM;
        float[] w = draw(kind, cin * cout * k * k, cout * k * k, cin * k * k, init.constant(), stream(init, layerName));
        return Tensor.of(new int[] {cin, cout, k, k}, w);
    }

    /** Zero biases, as Keras starts them. */
    public static Tensor bias(int channels) {
        return Tensor.zeros(channels);
    }

    private static SplittableRandom stream(WeightInit init, String layerName) {
        return new SplittableRandom(init.seed() * 0x9E3779B97F4A7C15L + layerName.hashCode());
    }

    /**
     * glorot_uniform: U(-l, l) with l = sqrt(6 / (fan_in + fan_out)). he_normal: N(0, sqrt(2 / fan_in)) truncated at
     * two standard deviations (redrawn beyond), scaled as Keras does so the result has that standard deviation.
     */
    static float[] draw(Initialiser kind, int n, int fanIn, int fanOut, float constant, SplittableRandom rnd) {
        float[] w = new float[n];
        switch (kind) {
            case GLOROT_UNIFORM -> {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                for (int i = 0; i < n; i++) {
                    w[i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
                }
            }
            case HE_NORMAL -> {
                double std = Math.sqrt(2.0 / fanIn) / TRUNCATED_STD;
                for (int i = 0; i < n; i++) {
                    double g;
                    do {
                        g = gaussian(rnd);
                    } while (Math.abs(g) > 2);
                    w[i] = (float) (g * std);
                }
            }
            case CONSTANT -> java.util.Arrays.fill(w, constant);
            default -> throw new IllegalArgumentException(kind + " is not an elementwise initialiser");
        }
        return w;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller: written out so the stream does not depend on a JDK's nextGaussian algorithm.
        double u1 = 1.0 - rnd.nextDouble(), u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /**
     * ICNR (Aitken et al. 2017): draw a glorot kernel for the channels after the shuffle and give each of its r^2
     * sub-pixel copies the same weights, so the convolution + shuffle starts as conv + nearest upsampling. CRD
     * (PixelShuffle) reads sub-pixel q of channel c from channel c r^2 + q; DCR from q C + c.
     */
    static Tensor icnr(int cout, int cin, int k, int r, boolean crd, SplittableRandom rnd) {
        int rr = r * r, base = cout / rr, kk = k * k;
        float[] w0 = draw(Initialiser.GLOROT_UNIFORM, base * cin * kk, cin * kk, base * kk, 0, rnd);
        float[] w = new float[cout * cin * kk];
        for (int c = 0; c < base; c++) {
            for (int q = 0; q < rr; q++) {
                int dst = crd ? c * rr + q : q * base + c;
                System.arraycopy(w0, c * cin * kk, w, dst * cin * kk, cin * kk);
            }
        }
        return Tensor.of(new int[] {cout, cin, k, k}, w);
    }

    /**
     * The bilinear interpolation kernel (FCN's upsample_filt: factor f = ceil(k / 2), centre f - 1 for odd k and
     * f - 0.5 for even k, weight (1 - |x - centre| / f) per axis), scaled so that the taps reaching each output
     * phase sum to 1 on average: a constant input then gives the same constant inside the border. Input channel
     * ci feeds output channel ci mod Cout (or output co reads input co mod Cin), averaged over the inputs an
     * output receives.
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
        int factor = (k + 1) / 2;
        double centre = k % 2 == 1 ? factor - 1 : factor - 0.5;
        double[] f = new double[k];
        for (int x = 0; x < k; x++) {
            f[x] = 1 - Math.abs(x - centre) / factor;
        }
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
