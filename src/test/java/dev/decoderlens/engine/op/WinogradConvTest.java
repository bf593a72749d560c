package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.Kernels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 3x3 stride-1 layers run by Winograd's F(2x2, 3x3), with the Vector API or in plain Java. Both must agree with the
 * direct convolution (the same layer built with {@code -Ddecoderlens.winograd=false}) on awkward sizes: odd and tiny
 * images (blocks hanging over the edge), asymmetric and large padding, batches, several segments of blocks per row
 * and a partial last chunk of output channels.
 */
class WinogradConvTest {
    private static final Random RANDOM = new Random(11);

    private static Tensor random(int... shape) {
        return OpFixtures.gaussian(RANDOM, shape);
    }

    private static void assertWinogradMatchesDirect(int n, int cin, int cout, int h, int w, Pads pads, Activation act,
                                                    boolean bias) {
        ConvSpec spec = ConvSpec.of(3, 1).withPads(pads);
        Tensor weight = random(cout, cin, 3, 3), b = bias ? random(cout) : null;
        Conv2D conv = new Conv2D(spec, weight, b, act);
        assertTrue(conv.winogradReady(), "this layer should take the Winograd path");
        Conv2D plain;
        System.setProperty("decoderlens.winograd", "false");
        try {
            plain = new Conv2D(spec, weight, b, act);
        } finally {
            System.clearProperty("decoderlens.winograd");
        }
        assertFalse(plain.winogradReady());
        Tensor x = random(n, cin, h, w).toNhwc();
        Tensor direct = plain.apply(new Tensor[] {x}, OpFixtures.poisonedContext(Kernels.get()))[0];
        String what = n + "x" + cin + "x" + h + "x" + w + " -> " + cout + " " + pads + " " + act;
        OpFixtures.assertClose(direct, conv.apply(new Tensor[] {x}, OpFixtures.poisonedContext(Kernels.get()))[0], what);
        OpFixtures.assertClose(direct, conv.apply(new Tensor[] {x}, OpFixtures.poisonedContext(Kernels.scalar()))[0],
                what + ", plain Java");
    }

    @Test
    void awkwardSizesAndPadding() {
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
        // 256 input channels: segments of 32 blocks, so 70 columns (35 blocks) take two; 160 outputs = 5 panels
        assertWinogradMatchesDirect(1, 256, 160, 3, 70, Pads.symmetric(1, 1), Activation.RELU, true);
    }

    @Test
    void narrowStridedDilatedOrLargerKernelsKeepTheDirectKernels() {
        assertFalse(new Conv2D(ConvSpec.of(3, 1), random(32, 3, 3, 3), null, null).winogradReady(), "3 input channels");
        assertFalse(new Conv2D(ConvSpec.of(3, 1), random(3, 64, 3, 3), null, null).winogradReady(), "3 output channels");
        // 24 -> 40 channels: Winograd in plain Java; the vector kernels keep their direct path (no whole panels)
        assertWinogradMatchesDirect(1, 24, 40, 7, 9, Pads.symmetric(1, 1), Activation.RELU, true);
        assertFalse(new Conv2D(ConvSpec.of(3, 2), random(32, 16, 3, 3), null, null).winogradReady(), "stride 2");
        assertFalse(new Conv2D(ConvSpec.of(3, 1).withDilation(2, 2), random(32, 16, 3, 3), null, null).winogradReady(), "dilated");
        assertFalse(new Conv2D(ConvSpec.of(5, 1), random(32, 16, 5, 5), null, null).winogradReady(), "5x5");
    }
}
