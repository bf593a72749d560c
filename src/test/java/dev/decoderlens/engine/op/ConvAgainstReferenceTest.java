package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.Kernels;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Conv2D and ConvTranspose2D, both kernel sets, against the naive reference on awkward geometries. */
class ConvAgainstReferenceTest {

    static Stream<Kernels> kernelSets() {
        return Stream.of(Kernels.scalar(), Kernels.get()).distinct();
    }

    // n, cin, h, w, cout, kh, kw, sh, sw, dh, dw, groups, pt, pl, pb, pr
    static Stream<Arguments> geometries() {
        int[][] g = {
            {1, 3, 13, 11, 5, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
            {2, 17, 9, 7, 33, 3, 3, 2, 2, 1, 1, 1, 0, 1, 2, 1},
            {1, 8, 10, 12, 8, 3, 2, 1, 2, 2, 1, 4, 2, 0, 1, 3},
            {1, 6, 7, 7, 6, 3, 3, 1, 1, 1, 1, 6, 1, 1, 1, 1},   // depthwise
            {1, 33, 1, 1, 3, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
            {1, 5, 5, 6, 40, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0},
            {1, 64, 6, 9, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},   // RGB output layer
            {1, 4, 8, 8, 7, 4, 4, 2, 2, 1, 1, 1, 1, 1, 2, 2},
            {1, 64, 4, 19, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},  // RGB tiles (8 pixels x 3) plus a tail
            {1, 32, 3, 10, 2, 2, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0},  // transposed: 3 output channels per phase
            {2, 8, 40, 9, 20, 3, 3, 1, 1, 1, 1, 1, 1, 1, 2, 1}, // bands of 4 rows through padded windows, batch 2
            {1, 5, 6, 7, 130, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},  // the wide plain-Java form
        };
        return Stream.of(g).flatMap(geo -> kernelSets().map(k -> Arguments.of(k, geo)));
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void convMatchesReference(Kernels kernels, int[] p) {
        Random r = new Random(7 + p[1] * 31 + p[4]);
        int n = p[0], cin = p[1], h = p[2], w = p[3], cout = p[4], kh = p[5], kw = p[6];
        int groups = p[11];
        ConvSpec spec = new ConvSpec(kh, kw, p[7], p[8], p[9], p[10], groups, AutoPad.NOTSET,
                new Pads(p[12], p[13], p[14], p[15]), 0, 0, null);
        float[] x = random(r, n * cin * h * w), wt = random(r, cout * (cin / groups) * kh * kw), b = random(r, cout);
        Tensor y = new Conv2D(spec, Tensor.of(new int[] {cout, cin / groups, kh, kw}, wt), Tensor.of(new int[] {cout}, b),
                Activation.IDENTITY).apply(new Tensor[] {Tensor.of(new int[] {n, cin, h, w}, x)}, ctx(kernels))[0];
        int oh = (h + p[12] + p[14] - (kh - 1) * p[9] - 1) / p[7] + 1;
        int ow = (w + p[13] + p[15] - (kw - 1) * p[10] - 1) / p[8] + 1;
        assertArrayEquals(new int[] {n, cout, oh, ow}, y.shape());
        float[] ref = ConvReference.conv(x, n, cin, h, w, wt, cout, kh, kw, b, p[7], p[8], p[9], p[10], groups,
                p[12], p[13], oh, ow);
        assertClose(ref, y.toRowMajor().data(), 1e-5);
    }

    @ParameterizedTest
    @MethodSource("geometries")
    void convTransposeMatchesReference(Kernels kernels, int[] p) {
        Random r = new Random(11 + p[1] * 17 + p[4]);
        int n = p[0], cin = p[1], h = p[2], w = p[3], coutG = p[4] / p[11] + 1, kh = p[5], kw = p[6];
        int groups = p[11];
        int sh = p[7] + 1, sw = p[8]; // more strides than convs have
        ConvSpec spec = new ConvSpec(kh, kw, sh, sw, p[9], p[10], groups, AutoPad.NOTSET,
                new Pads(p[12], p[13], p[14], p[15]), Math.min(1, sh - 1), 0, null);
        float[] x = random(r, n * cin * h * w), wt = random(r, cin * coutG * kh * kw), b = random(r, coutG * groups);
        Tensor y = new ConvTranspose2D(spec, Tensor.of(new int[] {cin, coutG, kh, kw}, wt),
                Tensor.of(new int[] {coutG * groups}, b), Activation.IDENTITY)
                .apply(new Tensor[] {Tensor.of(new int[] {n, cin, h, w}, x)}, ctx(kernels))[0];
        int oh = sh * (h - 1) + spec.outputPadH() + (kh - 1) * p[9] + 1 - p[12] - p[14];
        int ow = sw * (w - 1) + (kw - 1) * p[10] + 1 - p[13] - p[15];
        assertArrayEquals(new int[] {n, coutG * groups, oh, ow}, y.shape());
        float[] ref = ConvReference.convTranspose(x, n, cin, h, w, wt, coutG, kh, kw, b, sh, sw, p[9], p[10], groups,
                p[12], p[13], oh, ow);
        assertClose(ref, y.toRowMajor().data(), 1e-5);
    }

    @Test
    void fusedActivationAndNoBias() {
        Random r = new Random(3);
        float[] x = random(r, 2 * 5 * 5), wt = random(r, 4 * 2 * 9);
        Tensor in = Tensor.of(new int[] {1, 2, 5, 5}, x);
        Tensor wten = Tensor.of(new int[] {4, 2, 3, 3}, wt);
        ConvSpec spec = ConvSpec.of(3, 1).withPads(Pads.symmetric(1, 1));
        float[] plain = new Conv2D(spec, wten, null, Activation.IDENTITY).apply(new Tensor[] {in}, ExecContext.defaults())[0]
                .toRowMajor().data();
        float[] sig = new Conv2D(spec, wten, null, Activation.SIGMOID).apply(new Tensor[] {in}, ExecContext.defaults())[0]
                .toRowMajor().data();
        for (int i = 0; i < plain.length; i++) {
            assertEquals(Activation.sigmoid(plain[i]), sig[i], 1e-6);
        }
    }

    @Test
    void refusesWrongChannelCount() {
        Conv2D c = new Conv2D(ConvSpec.of(1, 1), Tensor.zeros(4, 3, 1, 1), null, Activation.IDENTITY);
        var e = assertThrows(IllegalArgumentException.class,
                () -> c.apply(new Tensor[] {Tensor.zeros(1, 5, 4, 4)}, ExecContext.defaults()));
        assertTrue(e.getMessage().contains("expects 3 input channels, got 5"), e.getMessage());
    }

    @Test
    void cancellationStopsTheLayer() {
        Conv2D c = new Conv2D(ConvSpec.of(3, 1), Tensor.zeros(8, 8, 3, 3), null, Activation.IDENTITY);
        ExecContext cancelled = new ExecContext(Kernels.get(), CancellationToken.of(() -> true));
        assertThrows(java.util.concurrent.CancellationException.class,
                () -> c.apply(new Tensor[] {Tensor.zeros(1, 8, 64, 64)}, cancelled));
    }

    static ExecContext ctx(Kernels k) {
        return OpFixtures.poisonedContext(k); // NaN-filled buffers: every output value must be written
    }

    static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** |a - b| <= tol * (1 + |b|) elementwise, with the first offending index in the message. */
    static void assertClose(float[] expected, float[] actual, double tol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            double d = Math.abs(expected[i] - actual[i]);
            if (!(d <= tol * (1 + Math.abs(expected[i])))) {
                throw new AssertionError("value " + i + ": expected " + expected[i] + " got " + actual[i]);
            }
        }
    }
}
