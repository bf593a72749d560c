package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** BatchNorm, InstanceNorm and Concat against PyTorch. */
class NormConcatFixtureTest {

    @ParameterizedTest
    @CsvSource({"batchnorm", "batchnorm_rank2"})
    void batchNormMatchesTorch(String kase) {
        BatchNorm bn = new BatchNorm(OpFixtures.values(kase, "scale"), OpFixtures.values(kase, "bias"),
                OpFixtures.values(kase, "mean"), OpFixtures.values(kase, "var"), 1e-3f);
        OpFixtures.check(kase, bn, "x");
    }

    @Test
    void instanceNormMatchesTorch() {
        String kase = "instancenorm";
        OpFixtures.check(kase, new InstanceNorm(OpFixtures.values(kase, "scale"), OpFixtures.values(kase, "bias"), 1e-5f), "x");
    }

    @Test
    void normsRefuseWrongChannelCount() {
        BatchNorm bn = new BatchNorm(new float[2], new float[2], new float[2], new float[] {1, 1}, 1e-3f);
        var e = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(bn, Tensor.zeros(1, 3, 2, 2)));
        assertEquals("BatchNormalization expects 2 channels, got 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm(new float[2], new float[3], new float[2], new float[2], 0));
        assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new InstanceNorm(new float[2], new float[2], 1e-5f), Tensor.zeros(1, 3, 2, 2)));
    }

    @Test
    void concatMatchesTorch() {
        OpFixtures.check("concat_axis1", new Concat(1), "a", "b", "c");
        OpFixtures.check("concat_axis0", new Concat(0), "a", "b");
        OpFixtures.check("concat_axis2", new Concat(2), "a", "b");
        OpFixtures.check("concat_axis-1", new Concat(-1), "a", "b");
        OpFixtures.check("concat_rank2_axis1", new Concat(1), "a", "b");
    }

    @Test
    void channelConcatStaysChannelsLast() {
        Tensor a = OpFixtures.load("concat_axis1", "a"), b = OpFixtures.load("concat_axis1", "b");
        assertEquals(Layout.NHWC, OpFixtures.run(new Concat(1), a.toNhwc(), b).layout());
        Tensor d = OpFixtures.load("concat_axis0", "b");
        assertEquals(Layout.ROW_MAJOR, OpFixtures.run(new Concat(0), a.toNhwc(), d.toNhwc()).layout());
    }

    @Test
    void concatRefusesMismatchedShapes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new Concat(1), Tensor.zeros(1, 2, 3, 3), Tensor.zeros(1, 2, 4, 3)));
        assertTrue(e.getMessage().contains("outside axis 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new Concat(4), Tensor.zeros(1, 2, 3, 3)));
    }
}
