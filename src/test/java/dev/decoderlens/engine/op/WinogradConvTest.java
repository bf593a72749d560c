package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.Kernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 3x3 stride-1 layers run by Winograd's F(2x2, 3x3) on the vector kernels; the plain kernels compute them directly.
 * The two must agree on awkward sizes: odd and tiny images (blocks hanging over the edge), asymmetric and large
 * padding, batches, several segments of blocks per row and a partial last chunk of output channels.
 */
class WinogradConvTest {
    private static final Random RANDOM = new Random(11);

    private static Tensor random(int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = (float) RANDOM.nextGaussian();
        }
        return t;
    }

    private static void assertWinogradMatchesDirect(int n, int cin, int cout, int h, int w, Pads pads, Activation act,
                                                    boolean bias) {
        ConvSpec spec = ConvSpec.of(3, 1).withPads(pads);
        Conv2D conv = new Conv2D(spec, random(cout, cin, 3, 3), bias ? random(cout) : null, act);
        assertTrue(conv.winogradReady(), "this layer should take the Winograd path");
        Tensor x = random(n, cin, h, w).toNhwc();
        Tensor winograd = conv.apply(new Tensor[] {x}, OpFixtures.poisonedContext(Kernels.get()))[0];
        Tensor direct = conv.apply(new Tensor[] {x}, OpFixtures.poisonedContext(Kernels.scalar()))[0];
        OpFixtures.assertClose(direct, winograd, n + "x" + cin + "x" + h + "x" + w + " -> " + cout + " " + pads + " " + act);
    }

    @Test
    void awkwardSizesAndPadding() {
        assumeTrue(Kernels.get() != Kernels.scalar(), "Winograd runs on the vector kernels only");
        for (int h : new int[] {1, 2, 3, 5, 8}) {
            for (int w : new int[] {1, 4, 7, 17}) {
                assertWinogradMatchesDirect(1, 16, 32, h, w, Pads.symmetric(1, 1), Activation.RELU, true);
            }
        }
        assertWinogradMatchesDirect(2, 32, 64, 9, 11, Pads.ZERO, Activation.IDENTITY, false);
        assertWinogradMatchesDirect(1, 16, 32, 6, 5, new Pads(0, 2, 1, 0), Activation.SIGMOID, true);
        assertWinogradMatchesDirect(1, 48, 96, 5, 6, new Pads(3, 1, 2, 4), Activation.IDENTITY, true);
    }

    @Test
    void severalSegmentsPerRowAndAPartialChunkOfOutputChannels() {
        assumeTrue(Kernels.get() != Kernels.scalar(), "Winograd runs on the vector kernels only");
        // 256 input channels: segments of 32 blocks, so 70 columns (35 blocks) take two; 160 outputs = 5 panels
        assertWinogradMatchesDirect(1, 256, 160, 3, 70, Pads.symmetric(1, 1), Activation.RELU, true);
    }

    @Test
    void layersThatDoNotFillVectorsOrAreNotPlain3x3KeepTheDirectKernels() {
        assertFalse(new Conv2D(ConvSpec.of(3, 1), random(32, 3, 3, 3), null, null).winogradReady(), "3 input channels");
        assertFalse(new Conv2D(ConvSpec.of(3, 1), random(3, 64, 3, 3), null, null).winogradReady(), "3 output channels");
        assertFalse(new Conv2D(ConvSpec.of(3, 2), random(32, 16, 3, 3), null, null).winogradReady(), "stride 2");
        assertFalse(new Conv2D(ConvSpec.of(3, 1).withDilation(2, 2), random(32, 16, 3, 3), null, null).winogradReady(), "dilated");
        assertFalse(new Conv2D(ConvSpec.of(5, 1), random(32, 16, 5, 5), null, null).winogradReady(), "5x5");
    }
}
