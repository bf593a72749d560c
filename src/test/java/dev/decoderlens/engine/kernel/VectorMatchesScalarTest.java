package dev.decoderlens.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.engine.op.Pads;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The vector kernels agree with the scalar ones within 1e-5 relative on awkward sizes: widths 1, 13 and 207 (tile
 * tails), channel counts 3, 5, 17, 33, 64, 130 (partial blocks, dot-product and RGB tiles, both plain-Java forms), with
 * every fused activation path; both the usual vector set and the panels alone of {@link Kernels#forColdJit}.
 */
class VectorMatchesScalarTest {

    static Stream<Arguments> sizes() {
        int[] widths = {1, 13, 207};
        int[] channels = {3, 5, 17, 33, 64, 130};
        return IntStream.range(0, widths.length * channels.length * channels.length).mapToObj(i -> {
            int w = widths[i % widths.length];
            int cin = channels[(i / widths.length) % channels.length];
            int cout = channels[i / (widths.length * channels.length)];
            return Arguments.of(w, cin, cout);
        });
    }

    @ParameterizedTest(name = "width {0}, {1} -> {2} channels")
    @MethodSource("sizes")
    void convolutionsAgree(int width, int cin, int cout) {
        assumeFalse(Kernels.get() == Kernels.scalar(), "no vector kernels in this JVM");
        Random r = new Random(width * 1000 + cin * 37 + cout);
        Tensor x = random(r, 1, cin, 3, width);
        Tensor b = random(r, cout);
        Activation act = cout % 2 == 0 ? Activation.RELU : Activation.SIGMOID;
        Op conv = new Conv2D(ConvSpec.of(3, 1).withPads(Pads.symmetric(1, 1)), weights(r, cin * 9, cout, cin, 3, 3), b, act);
        Op conv1 = new Conv2D(ConvSpec.of(1, 1), weights(r, cin, cout, cin, 1, 1), b, Activation.IDENTITY);
        Op convT = new ConvTranspose2D(ConvSpec.of(2, 2), weights(r, cin, cin, cout, 2, 2), b, act);
        Op convT3 = new ConvTranspose2D(ConvSpec.of(3, 2).withPads(Pads.symmetric(1, 1)).withOutputPadding(1, 1),
                weights(r, cin * 4, cin, cout, 3, 3), null, Activation.IDENTITY);
        for (Op op : new Op[] {conv, conv1, convT, convT3}) {
            Tensor scalar = op.apply(new Tensor[] {x}, ctx(Kernels.scalar()))[0];
            float[] s = scalar.toRowMajor().data();
            // the usual set, and the panels alone that a run on a cold JIT takes (Kernels.forColdJit)
            for (Kernels set : new Kernels[] {Kernels.get(), Kernels.get().forColdJit()}) {
                Tensor v = op.apply(new Tensor[] {x}, ctx(set))[0];
                float[] vd = v.toRowMajor().data();
                assertArrayEquals(scalar.shape(), v.shape());
                for (int i = 0; i < s.length; i++) {
                    if (!(Math.abs(s[i] - vd[i]) <= 1e-5 * Math.max(1, Math.abs(s[i])))) {
                        throw new AssertionError(op.type() + (set == Kernels.get() ? "" : " (cold-JIT set)") + " value "
                                + i + ": scalar " + s[i] + ", vector " + vd[i]);
                    }
                }
            }
        }
    }

    @Test
    void onAColdJitOnlyThePanelsRun() {
        assumeFalse(Kernels.get() == Kernels.scalar(), "no vector kernels in this JVM");
        FilterTaps rgbOut = new FilterTaps(1, 9, 64, 3, new float[9 * 64 * 3]);
        assertTrue(((VectorKernels) Kernels.get()).dots(rgbOut), "the usual set: dot-product tiles for 3 outputs");
        assertFalse(((VectorKernels) Kernels.get().forColdJit()).dots(rgbOut), "the cold-JIT set: panels");
    }

    private static ExecContext ctx(Kernels k) {
        return new ExecContext(k, CancellationToken.NONE);
    }

    /**
     * Weights scaled by 1/sqrt(fan-in) as in real networks, so outputs are of order one and "1e-5 relative" measures
     * rounding, not the cancellation of large random sums (whose order of summation legitimately differs).
     */
    private static Tensor weights(Random r, int fanIn, int... shape) {
        Tensor t = random(r, shape);
        float scale = (float) (1 / Math.sqrt(fanIn));
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return t;
    }

    private static Tensor random(Random r, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.of(shape, v);
    }
}
