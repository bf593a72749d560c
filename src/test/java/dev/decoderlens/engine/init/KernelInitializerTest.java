package dev.decoderlens.engine.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.engine.op.DepthToSpace;
import dev.decoderlens.engine.op.OpFixtures;
import dev.decoderlens.engine.op.Pads;
import dev.decoderlens.engine.op.Resize;
import dev.decoderlens.engine.op.ResizeSpec;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel-shaped initialisers: the bilinear kernel against FCN's published upsample_filt and PyTorch's
 * conv_transpose2d, and ICNR by the property it exists for (conv + pixel shuffle starts as nearest upsampling).
 */
class KernelInitializerTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 8})
    void bilinearKernelIsFcnUpsampleFilt(int k) {
        Tensor w = new BilinearKernel().create(new int[] {3, 2, k, k}, 0);
        Tensor fcn = OpFixtures.load("init_bilinear_k" + k, "y");
        for (int ci = 0; ci < 3; ci++) {
            for (int co = 0; co < 2; co++) {
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        float expected = ci == co ? fcn.get(y, x) : 0f;
                        assertEquals(expected, w.get(ci, co, y, x), 1e-7, "k" + k + " (" + ci + "," + co + ") at " + y + "," + x);
                    }
                }
            }
        }
    }

    @Test
    void bilinearDeconvolutionMatchesTorchAndIsBilinearResizeInside() {
        Tensor x = OpFixtures.load("init_bilinear_deconv", "x");
        Tensor w = new BilinearKernel().create(new int[] {3, 3, 4, 4}, 0);
        Op deconv = new ConvTranspose2D(ConvSpec.of(4, 2).withPads(Pads.symmetric(1, 1)), w, null, Activation.IDENTITY);
        Tensor y = OpFixtures.run(deconv, x);
        OpFixtures.assertClose(OpFixtures.load("init_bilinear_deconv", "y"), y, "bilinear deconvolution");
        // Away from the one-pixel border (where the transposed convolution sees zero padding) it is exactly the
        // half-pixel bilinear resize, i.e. Keras UpSampling2D(interpolation="bilinear").
        Tensor r = OpFixtures.run(new Resize(ResizeSpec.kerasBilinear(2, 2)), x);
        for (int c = 0; c < 3; c++) {
            for (int i = 1; i < 9; i++) {
                for (int j = 1; j < 11; j++) {
                    assertEquals(r.get(0, c, i, j), y.get(0, c, i, j), 1e-5, "channel " + c + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void bilinearTapsOfEachPhaseSumToOneWhenStrideIsTheFactor() {
        for (int f = 1; f <= 4; f++) {
            int k = 2 * f - f % 2;
            double[] t = BilinearKernel.filter1d(k);
            for (int phase = 0; phase < f; phase++) {
                double sum = 0;
                for (int x = phase; x < k; x += f) {
                    sum += t[x];
                }
                assertEquals(1.0, sum, 1e-12, "factor " + f + " kernel " + k + " phase " + phase);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void icnrSubPixelConvolutionStartsAsNearestUpsampling(boolean crd) {
        int r = 2, cin = 3, base = 4;
        Icnr icnr = new Icnr(Initializers.named("he_normal"), r, crd);
        int[] shape = {base * r * r, cin, 3, 3};
        Tensor w = icnr.create(shape, 5);
        Tensor x = randomImage(cin, 6, 7, 99);
        ConvSpec same = ConvSpec.of(3, 1).withPads(Pads.symmetric(1, 1));
        Tensor shuffled = OpFixtures.run(new DepthToSpace(r, crd), OpFixtures.run(new Conv2D(same, w, null, Activation.IDENTITY), x));
        // conv with the base kernel, then nearest upsampling: what ICNR promises
        Tensor baseW = icnr.base().create(icnr.baseShape(shape), 5);
        Tensor expected = OpFixtures.run(new Resize(ResizeSpec.kerasNearest(r, r)),
                OpFixtures.run(new Conv2D(same, baseW, null, Activation.IDENTITY), x));
        OpFixtures.assertClose(expected, shuffled, "ICNR " + (crd ? "CRD" : "DCR"));
    }

    @Test
    void icnrWithTheWrongShuffleOrderIsNotNearest() {
        // The property above can fail: CRD-ordered ICNR weights read through a DCR shuffle give a checkerboard.
        int r = 2;
        Tensor w = new Icnr(Initializers.glorotUniform(), r, true).create(new int[] {8, 3, 3, 3}, 5);
        Tensor x = randomImage(3, 4, 4, 1);
        ConvSpec same = ConvSpec.of(3, 1).withPads(Pads.symmetric(1, 1));
        Tensor y = OpFixtures.run(new DepthToSpace(r, false), OpFixtures.run(new Conv2D(same, w, null, Activation.IDENTITY), x));
        // CRD copies land in DCR's rows of the block: the two rows of a block differ
        assertTrue(y.get(0, 0, 0, 0) != y.get(0, 0, 1, 0), "mismatched shuffle order should break the 2x2 blocks");
    }

    @Test
    void icnrCopiesTheBaseFilterIntoEverySubPixelChannel() {
        Icnr icnr = new Icnr(Initializers.glorotUniform(), 3, true);
        Tensor w = icnr.create(new int[] {18, 2, 1, 1}, 8);
        Tensor b = icnr.base().create(new int[] {2, 2, 1, 1}, 8);
        for (int o = 0; o < 18; o++) {
            assertArrayEquals(new float[] {b.get(o / 9, 0, 0, 0), b.get(o / 9, 1, 0, 0)},
                    new float[] {w.get(o, 0, 0, 0), w.get(o, 1, 0, 0)}, "channel " + o);
        }
        var e = assertThrows(IllegalArgumentException.class, () -> icnr.create(new int[] {10, 2, 3, 3}, 1));
        assertTrue(e.getMessage().contains("divisible by 9"), e.getMessage());
    }

    private static Tensor randomImage(int c, int h, int w, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[c * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(-1, 1);
        }
        return Tensor.of(new int[] {1, c, h, w}, v);
    }

    @SuppressWarnings("unused")
    private static ExecContext ctx() {
        return ExecContext.defaults();
    }
}
