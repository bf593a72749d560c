package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** MaxPool2D, AvgPool2D and GlobalPool against torch.nn.functional on a 7x9 input (odd sizes on purpose). */
class PoolFixtureTest {

    static Stream<Arguments> maxPools() {
        return Stream.of(
                Arguments.of("maxpool_k2s2", PoolSpec.of(2, 2)),
                Arguments.of("maxpool_k3s2p1", PoolSpec.of(3, 2).withPads(Pads.symmetric(1, 1))),
                Arguments.of("maxpool_k3s2p1_ceil", PoolSpec.of(3, 2).withPads(Pads.symmetric(1, 1)).withCeilMode(true)),
                Arguments.of("maxpool_k3s2_ceil", PoolSpec.of(3, 2).withCeilMode(true)),
                Arguments.of("maxpool_k3s1d2p1", PoolSpec.of(3, 1).withPads(Pads.symmetric(1, 1)).withDilation(2, 2)),
                Arguments.of("maxpool_k3s2d2p1_ceil", PoolSpec.of(3, 2).withPads(Pads.symmetric(1, 1)).withDilation(2, 2).withCeilMode(true)),
                Arguments.of("maxpool_k2x3s1x2", new PoolSpec(2, 3, 1, 2, 1, 1, AutoPad.NOTSET, Pads.ZERO, false)),
                Arguments.of("maxpool_k2s2_same_upper", PoolSpec.of(2, 2).withAutoPad(AutoPad.SAME_UPPER)),
                Arguments.of("maxpool_k2s2_same_lower", PoolSpec.of(2, 2).withAutoPad(AutoPad.SAME_LOWER)),
                // the same windows written as explicit asymmetric pads
                Arguments.of("maxpool_k2s2_same_upper", PoolSpec.of(2, 2).withPads(new Pads(0, 0, 1, 1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maxPools")
    void maxPoolMatchesTorch(String kase, PoolSpec spec) {
        OpFixtures.check(kase, new MaxPool2D(spec), "x");
    }

    static Stream<Arguments> avgPools() {
        PoolSpec k3s2p1 = PoolSpec.of(3, 2).withPads(Pads.symmetric(1, 1));
        return Stream.of(
                Arguments.of("avgpool_k2s2", PoolSpec.of(2, 2), false),
                Arguments.of("avgpool_k3s2p1_incl", k3s2p1, true),
                Arguments.of("avgpool_k3s2p1_excl", k3s2p1, false),
                Arguments.of("avgpool_k3s2p1_ceil_incl", k3s2p1.withCeilMode(true), true),
                Arguments.of("avgpool_k3s2p1_ceil_excl", k3s2p1.withCeilMode(true), false),
                Arguments.of("avgpool_k2x3s2x1_ceil", new PoolSpec(2, 3, 2, 1, 1, 1, AutoPad.NOTSET, Pads.ZERO, true), true),
                Arguments.of("avgpool_k3s2_same_upper", PoolSpec.of(3, 2).withAutoPad(AutoPad.SAME_UPPER), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("avgPools")
    void avgPoolMatchesTorch(String kase, PoolSpec spec, boolean countIncludePad) {
        OpFixtures.check(kase, new AvgPool2D(spec, countIncludePad), "x");
    }

    @Test
    void globalPoolsMatchTorch() {
        OpFixtures.check("globalmax", new GlobalPool(true), "x");
        OpFixtures.check("globalavg", new GlobalPool(false), "x");
    }

    @Test
    void poolsOutputChannelsLast() {
        Tensor x = OpFixtures.load("maxpool_k2s2", "x");
        assertEquals(Layout.NHWC, OpFixtures.run(new MaxPool2D(PoolSpec.of(2, 2)), x).layout());
        assertEquals(Layout.NHWC, OpFixtures.run(new AvgPool2D(PoolSpec.of(2, 2), false), x).layout());
    }

    @Test
    void refusesWindowLargerThanInputAndWrongRank() {
        Tensor small = Tensor.zeros(1, 1, 2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new MaxPool2D(PoolSpec.of(3, 1)), small));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        var r = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new MaxPool2D(PoolSpec.of(2, 2)), Tensor.zeros(4, 4)));
        assertTrue(r.getMessage().contains("rank-4"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PoolSpec.of(0, 1));
    }

    @Test
    void macsCountEveryTap() {
        // 7x9 input, 3x3 window, stride 2, pad 1: 4x5 outputs per channel, 9 taps each
        long macs = new MaxPool2D(PoolSpec.of(3, 2).withPads(Pads.symmetric(1, 1))).macs(new int[][] {{2, 3, 7, 9}});
        assertEquals(2L * 3 * 4 * 5 * 9, macs);
    }
}
