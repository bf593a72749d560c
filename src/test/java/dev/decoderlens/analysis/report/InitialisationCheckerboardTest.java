package dev.decoderlens.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.analysis.Checkerboard;
import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.engine.op.Pads;
import dev.decoderlens.experiment.Initialiser;
import dev.decoderlens.experiment.LayerOp;
import dev.decoderlens.experiment.WeightFactory;
import dev.decoderlens.experiment.WeightInit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constant inputs through upsampling layers: random weights make a checkerboard, bilinear and ICNR weights do not. */
class InitialisationCheckerboardTest {
    private static final ConvSpec K3S2_SAME = new ConvSpec(3, 3, 2, 2, 1, 1, 1, null, new Pads(0, 0, 1, 1), 0, 0, null);

    private static Checkerboard layerMeasure(Initialiser init) {
        int cin = 8, cout = 4, n = 16;
        LayerOp.Transposed layer = new LayerOp.Transposed(K3S2_SAME, cin, cout, Activation.IDENTITY);
        Tensor w = WeightFactory.transposed(layer, WeightInit.of(init, 11), "deconv1");
        float[] ones = new float[cin * n * n];
        Arrays.fill(ones, 1f);
        Tensor out = new ConvTranspose2D(K3S2_SAME, w, null, Activation.IDENTITY)
                .apply(new Tensor[] {Tensor.of(new int[] {1, cin, n, n}, ones)}, ExecContext.defaults())[0];
        assertEquals(2 * n, out.dim(2));
        List<Checkerboard> boards = new ArrayList<>();
        for (int c = 0; c < cout; c++) {
            boards.add(Checkerboard.of(out.channelMap(0, c, null), 2 * n, 2 * n, 2, 2));
        }
        return Checkerboard.pooled(boards);
    }

    /** Conv 3x3 (same) to 4 r^2 channels, then DepthToSpace r = 2, on a constant input: the pooled measure. */
    private static Checkerboard subPixelMeasure(Initialiser init, boolean crd) {
        int cin = 8, cout = 4, n = 16, r = 2;
        ConvSpec same = ConvSpec.of(3, 1).withAutoPad(dev.decoderlens.engine.op.AutoPad.SAME_UPPER);
        LayerOp.Conv layer = new LayerOp.Conv(same, cin, cout * r * r, Activation.IDENTITY, r, crd);
        Tensor w = WeightFactory.conv(layer, WeightInit.of(init, 5), "conv1");
        float[] ones = new float[cin * n * n];
        Arrays.fill(ones, 1f);
        Tensor conv = new dev.decoderlens.engine.op.Conv2D(same, w, null, Activation.IDENTITY)
                .apply(new Tensor[] {Tensor.of(new int[] {1, cin, n, n}, ones)}, ExecContext.defaults())[0];
        Tensor out = new dev.decoderlens.engine.op.DepthToSpace(r, crd).apply(new Tensor[] {conv}, ExecContext.defaults())[0];
        List<Checkerboard> boards = new ArrayList<>();
        for (int c = 0; c < cout; c++) {
            boards.add(Checkerboard.of(out.channelMap(0, c, null), 2 * n, 2 * n, 2, 2));
        }
        return Checkerboard.pooled(boards);
    }

    @Test
    void icnrSubPixelConvolutionStartsWithoutCheckerboardInBothChannelOrders() {
        for (boolean crd : new boolean[] {true, false}) {
            Checkerboard random = subPixelMeasure(Initialiser.GLOROT_UNIFORM, crd);
            Checkerboard icnr = subPixelMeasure(Initialiser.ICNR, crd);
            assertTrue(random.phase() > 0.5, "random phase " + random.phase());
            assertTrue(icnr.phase() < 1e-3, (crd ? "CRD" : "DCR") + " ICNR phase " + icnr.phase());
        }
    }

    @Test
    void randomWeightsGiveAClearCheckerboardBilinearWeightsNone() {
        Checkerboard random = layerMeasure(Initialiser.GLOROT_UNIFORM);
        Checkerboard bilinear = layerMeasure(Initialiser.BILINEAR);
        assertTrue(random.phase() > 0.5, "random phase " + random.phase());
        assertTrue(random.spectral() > 0.5, "random spectral " + random.spectral());
        assertTrue(bilinear.phase() < 0.01, "bilinear phase " + bilinear.phase());
        assertTrue(bilinear.spectral() < 0.01, "bilinear spectral " + bilinear.spectral());
    }
}
