package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.BufferPool;
import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Graph;
import dev.decoderlens.engine.Node;
import dev.decoderlens.engine.Taps;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.Trace;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.engine.op.ResizeSpec.CoordMode;
import dev.decoderlens.engine.op.ResizeSpec.Mode;
import dev.decoderlens.engine.op.ResizeSpec.NearestMode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * A convolution after a nearest upsampling runs on the image before upsampling (the executor hands it over, see
 * {@link UpsampledConv}). Checked against the plain order, each operator run on its own: upsample, then convolve.
 */
class UpsampledConvTest {
    private static final Random RANDOM = new Random(7);

    private static Tensor random(int... shape) {
        return OpFixtures.gaussian(RANDOM, shape);
    }

    private static Conv2D conv(int cin, int cout, int kh, int kw, Pads pads, AutoPad autoPad, boolean bias, Activation act) {
        ConvSpec spec = new ConvSpec(kh, kw, 1, 1, 1, 1, 1, autoPad, pads, 0, 0, null);
        return new Conv2D(spec, random(cout, cin, kh, kw), bias ? random(cout) : null, act);
    }

    /** The plain order: each operator on its own, on a pool of NaN-filled buffers. */
    private static Tensor plain(List<Resize> resizes, Conv2D conv, Tensor x) {
        Tensor y = x;
        for (Resize r : resizes) {
            y = r.apply(new Tensor[] {y}, OpFixtures.poisonedContext(Kernels.get()))[0];
        }
        return conv.apply(new Tensor[] {y}, OpFixtures.poisonedContext(Kernels.get()))[0];
    }

    private static Graph graph(List<Resize> resizes, Conv2D conv) {
        List<Node> nodes = new java.util.ArrayList<>();
        String in = "x";
        for (int i = 0; i < resizes.size(); i++) {
            nodes.add(Node.of("up" + i, resizes.get(i), in, "u" + i));
            in = "u" + i;
        }
        nodes.add(Node.of("conv", conv, in, "y"));
        return new Graph("g", List.of("x"), Map.of(), nodes, List.of("y"));
    }

    private static void assertFusedMatchesPlain(List<Resize> resizes, Conv2D conv, Tensor x, Kernels kernels) {
        Tensor expected = plain(resizes, conv, x);
        Executor ex = new Executor(kernels, BufferPool.poisoned());
        for (int run = 0; run < 2; run++) { // the second run takes recycled buffers from the first
            Trace t = ex.run(graph(resizes, conv), Map.of("x", x));
            OpFixtures.assertClose(expected, t.get("y"), "fused run " + run);
            for (Trace.NodeRun r : t.runs()) {
                if (r.node().startsWith("up")) {
                    assertEquals(0, r.nanos(), "the upsampling " + r.node() + " should not have run");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void everyKernelSizeAndPaddingAfterA2xUpsampling(int k) {
        for (int p = 0; p <= k; p++) {
            Conv2D c = conv(5, 3, k, k, new Pads(p, k - p, k - 1 - Math.min(p, k - 1), p / 2), AutoPad.NOTSET, true,
                    Activation.IDENTITY);
            assertFusedMatchesPlain(List.of(new Resize(ResizeSpec.kerasNearest(2, 2))), c, random(2, 5, 5, 7),
                    Kernels.get());
        }
    }

    @Test
    void unequalFactorsRectangularKernelsAndManyChannels() {
        Conv2D c = conv(33, 40, 3, 2, new Pads(1, 0, 2, 1), AutoPad.NOTSET, false, Activation.RELU);
        assertFusedMatchesPlain(List.of(new Resize(ResizeSpec.kerasNearest(3, 2))), c, random(1, 33, 4, 9), Kernels.get());
        Conv2D same = conv(16, 3, 3, 3, Pads.ZERO, AutoPad.SAME_UPPER, true, Activation.SIGMOID);
        assertFusedMatchesPlain(List.of(new Resize(ResizeSpec.kerasNearest(2, 2))), same, random(1, 16, 6, 6), Kernels.get());
    }

    @Test
    void anOutputWithFewerPhasesThanTheFactorThenALargerOne() {
        // a 1-pixel-high output has fewer row phases than the factor: the layer's phase filters must not mix up
        Conv2D c = conv(3, 4, 3, 3, Pads.ZERO, AutoPad.NOTSET, true, Activation.IDENTITY);
        Resize up = new Resize(ResizeSpec.kerasNearest(3, 3));
        assertFusedMatchesPlain(List.of(up), c, random(1, 3, 1, 5), Kernels.get()); // 1 x 13: one row phase
        assertFusedMatchesPlain(List.of(up), c, random(1, 3, 4, 5), Kernels.get()); // 10 x 13: every phase
    }

    @Test
    void chainedUpsamplingsAndTheScalarKernels() {
        Conv2D c = conv(8, 6, 3, 3, Pads.symmetric(1, 1), AutoPad.NOTSET, true, Activation.RELU);
        List<Resize> twice = List.of(new Resize(ResizeSpec.kerasNearest(2, 2)), new Resize(ResizeSpec.kerasNearest(2, 2)));
        assertFusedMatchesPlain(twice, c, random(1, 8, 5, 3), Kernels.get());
        assertFusedMatchesPlain(twice, c, random(1, 8, 5, 3), Kernels.scalar());
    }

    @Test
    void onnxDefaultNearestAndSizesAreWholeFactorsToo() {
        Resize onnxDefault = new Resize(ResizeSpec.scales(Mode.NEAREST, CoordMode.HALF_PIXEL, NearestMode.ROUND_PREFER_FLOOR, 2, 2));
        assertArrayEquals2(new int[] {2, 2}, onnxDefault.wholeFactors(new int[] {1, 3, 7, 5}));
        Resize bySize = new Resize(ResizeSpec.sizes(Mode.NEAREST, CoordMode.ASYMMETRIC, NearestMode.FLOOR, 14, 15));
        assertArrayEquals2(new int[] {2, 3}, bySize.wholeFactors(new int[] {1, 3, 7, 5}));
        Conv2D c = conv(3, 4, 3, 3, Pads.symmetric(1, 1), AutoPad.NOTSET, true, Activation.IDENTITY);
        assertFusedMatchesPlain(List.of(onnxDefault), c, random(1, 3, 7, 5), Kernels.get());
        assertFusedMatchesPlain(List.of(bySize), c, random(1, 3, 7, 5), Kernels.get());
    }

    @Test
    void otherResizesAreNotWholeFactorUpsamplings() {
        int[] shape = {1, 3, 7, 5};
        assertNull(new Resize(ResizeSpec.kerasBilinear(2, 2)).wholeFactors(shape));
        assertNull(new Resize(ResizeSpec.scales(Mode.NEAREST, CoordMode.ASYMMETRIC, NearestMode.FLOOR, 1.5f, 2)).wholeFactors(shape));
        // ceil picks pixel (y + 1) / 2 for odd y: not a floor
        assertNull(new Resize(ResizeSpec.scales(Mode.NEAREST, CoordMode.ASYMMETRIC, NearestMode.CEIL, 2, 2)).wholeFactors(shape));
        assertNull(new Resize(ResizeSpec.sizes(Mode.NEAREST, CoordMode.ASYMMETRIC, NearestMode.FLOOR, 13, 10)).wholeFactors(shape));
    }

    @Test
    void aConvolutionAfterANonWholeResizeStillGetsTheEnlargedImage() {
        Conv2D c = conv(3, 4, 3, 3, Pads.symmetric(1, 1), AutoPad.NOTSET, true, Activation.IDENTITY);
        Resize bilinear = new Resize(ResizeSpec.kerasBilinear(2, 2));
        Tensor x = random(1, 3, 6, 5);
        Trace t = new Executor(Kernels.get(), BufferPool.poisoned()).run(graph(List.of(bilinear), c), Map.of("x", x));
        OpFixtures.assertClose(plain(List.of(bilinear), c, x), t.get("y"), "bilinear then conv");
        assertTrue(t.runs().get(0).nanos() > 0);
    }

    @Test
    void aKeptUpsamplingStillRunsAndTheConvolutionStillMatches() {
        Conv2D c = conv(4, 3, 3, 3, Pads.symmetric(1, 1), AutoPad.NOTSET, true, Activation.SIGMOID);
        Resize up = new Resize(ResizeSpec.kerasNearest(2, 2));
        Tensor x = random(1, 4, 5, 6);
        Executor ex = new Executor(Kernels.get(), BufferPool.poisoned());
        for (int run = 0; run < 2; run++) {
            Trace t = ex.run(graph(List.of(up), c), Map.of("x", x), Taps.ALL, dev.decoderlens.engine.CancellationToken.NONE);
            assertNotNull(t.get("u0"));
            assertFalse(t.get("u0").materialized(), "the kept upsampling is made when read, not in the run");
            OpFixtures.assertClose(up.apply(new Tensor[] {x}, OpFixtures.poisonedContext(Kernels.get()))[0], t.get("u0"), "kept upsampling");
            OpFixtures.assertClose(plain(List.of(up), c, x), t.get("y"), "conv");
        }
    }

    @Test
    void theImageAKeptUpsamplingIsMadeFromIsNotReusedBeforeItIsRead() {
        // x -> conv "h" -> upsampling "u" (kept) -> conv "y": h itself is not kept, and u is made from it when read
        Conv2D first = conv(3, 4, 3, 3, Pads.symmetric(1, 1), AutoPad.NOTSET, true, Activation.RELU);
        Conv2D last = conv(4, 2, 3, 3, Pads.symmetric(1, 1), AutoPad.NOTSET, true, Activation.IDENTITY);
        Resize up = new Resize(ResizeSpec.kerasNearest(2, 2));
        Graph g = new Graph("g", List.of("x"), Map.of(), List.of(Node.of("first", first, "x", "h"),
                Node.of("up", up, "h", "u"), Node.of("last", last, "u", "y")), List.of("y"));
        Executor ex = new Executor(Kernels.get(), BufferPool.poisoned());
        Tensor x1 = random(1, 3, 6, 5), x2 = random(1, 3, 6, 5);
        Trace t1 = ex.run(g, Map.of("x", x1), Taps.named(java.util.Set.of("u")), dev.decoderlens.engine.CancellationToken.NONE);
        ex.run(g, Map.of("x", x2)); // takes whatever the first run gave back to the pool
        Tensor h1 = first.apply(new Tensor[] {x1}, OpFixtures.poisonedContext(Kernels.get()))[0];
        OpFixtures.assertClose(up.apply(new Tensor[] {h1}, OpFixtures.poisonedContext(Kernels.get()))[0], t1.get("u"),
                "the first run's upsampling, read after a second run");
    }

    @Test
    void keptChainedUpsamplingsAreEachTheirOwnEnlargement() {
        Conv2D c = conv(4, 5, 3, 3, Pads.symmetric(1, 1), AutoPad.NOTSET, false, Activation.RELU);
        Resize twice = new Resize(ResizeSpec.kerasNearest(2, 2)), thrice = new Resize(ResizeSpec.kerasNearest(3, 1));
        Tensor x = random(1, 4, 3, 5);
        Trace t = new Executor(Kernels.get(), BufferPool.poisoned()).run(graph(List.of(twice, thrice), c), Map.of("x", x),
                Taps.ALL, dev.decoderlens.engine.CancellationToken.NONE);
        Tensor u0 = twice.apply(new Tensor[] {x}, OpFixtures.poisonedContext(Kernels.get()))[0];
        OpFixtures.assertClose(u0, t.get("u0"), "first upsampling");
        OpFixtures.assertClose(thrice.apply(new Tensor[] {u0}, OpFixtures.poisonedContext(Kernels.get()))[0], t.get("u1"),
                "second upsampling, from the first one's input");
        OpFixtures.assertClose(plain(List.of(twice, thrice), c, x), t.get("y"), "conv");
    }

    @Test
    void groupedStridedOrDilatedConvolutionsDoNotTakeTheSmallImage() {
        assertFalse(new Conv2D(ConvSpec.of(3, 2), random(2, 2, 3, 3), null, null).acceptsUpsampled(2, 2));
        assertFalse(new Conv2D(ConvSpec.of(3, 1).withDilation(2, 2), random(2, 2, 3, 3), null, null).acceptsUpsampled(2, 2));
        assertFalse(new Conv2D(ConvSpec.of(3, 1).withGroups(2), random(2, 1, 3, 3), null, null).acceptsUpsampled(2, 2));
        // and the executor then runs them on the enlarged image
        Conv2D strided = new Conv2D(ConvSpec.of(3, 2).withPads(Pads.symmetric(1, 1)), random(2, 3, 3, 3), random(2), null);
        Tensor x = random(1, 3, 5, 4);
        Resize up = new Resize(ResizeSpec.kerasNearest(2, 2));
        Trace t = new Executor(Kernels.get(), BufferPool.poisoned()).run(graph(List.of(up), strided), Map.of("x", x));
        OpFixtures.assertClose(plain(List.of(up), strided, x), t.get("y"), "strided");
    }

    private static void assertArrayEquals2(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
