package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** ActivationOp, PRelu and Binary against PyTorch (torch.nn.functional, torch.add/maximum/..., broadcasting). */
class ElementwiseFixtureTest {

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("act_relu", Activation.RELU),
                Arguments.of("act_sigmoid", Activation.SIGMOID),
                Arguments.of("act_tanh", Activation.TANH),
                Arguments.of("act_selu", Activation.SELU),
                Arguments.of("act_leaky_0.2", Activation.leakyRelu(0.2f)),
                Arguments.of("act_elu_1.3", Activation.elu(1.3f)),
                Arguments.of("act_clip", Activation.clip(-0.5f, 0.7f)),
                Arguments.of("act_hardsigmoid", Activation.hardSigmoid(1f / 6, 0.5f)),
                Arguments.of("act_softplus", Activation.SOFTPLUS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void activationMatchesTorch(String kase, Activation a) {
        OpFixtures.check(kase, new ActivationOp(a), "x");
    }

    @Test
    void identityAndLayoutArePreserved() {
        Tensor x = OpFixtures.load("act_relu", "x").toNhwc();
        Tensor y = OpFixtures.run(new ActivationOp(Activation.IDENTITY), x);
        assertEquals(Layout.NHWC, y.layout());
        assertTrue(y.sameValues(x));
        assertEquals("Relu", new ActivationOp(Activation.RELU).type());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("prelus")
    void preluMatchesTorch(String kase) {
        Tensor slope = OpFixtures.load(kase, "slope");
        OpFixtures.check(kase, new PRelu(slope), "x");
    }

    static Stream<String> prelus() {
        return Stream.of("prelu_channel", "prelu_scalar", "prelu_w");
    }

    @Test
    void preluRefusesSlopeThatWouldGrowTheInput() {
        PRelu p = new PRelu(Tensor.zeros(4, 1, 1));
        var e = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(p, Tensor.zeros(1, 3, 2, 2)));
        assertTrue(e.getMessage().contains("slope"), e.getMessage());
    }

    static List<Arguments> binaries() {
        List<Arguments> cases = new ArrayList<>();
        for (Binary.Fn fn : List.of(Binary.Fn.ADD, Binary.Fn.SUB, Binary.Fn.MUL, Binary.Fn.DIV, Binary.Fn.MAX, Binary.Fn.MIN)) {
            for (String shape : List.of("same", "chan", "chan3", "scalar", "w", "mixed", "chan_first")) {
                cases.add(Arguments.of("binary_" + fn.name().toLowerCase() + "_" + shape, fn));
            }
        }
        cases.add(Arguments.of("binary_pow_same", Binary.Fn.POW));
        cases.add(Arguments.of("binary_pow_scalar", Binary.Fn.POW));
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void binaryMatchesTorch(String kase, Binary.Fn fn) {
        OpFixtures.check(kase, new Binary(fn), "a", "b");
        // mixed storage: only the first operand channels last
        Tensor a = OpFixtures.channelsLast(OpFixtures.load(kase, "a"));
        OpFixtures.assertClose(OpFixtures.load(kase, "y"), OpFixtures.run(new Binary(fn), a, OpFixtures.load(kase, "b")), kase + " (mixed storage)");
    }

    @Test
    void perChannelOperandKeepsChannelsLast() {
        Tensor a = OpFixtures.load("binary_add_chan", "a").toNhwc();
        Tensor y = OpFixtures.run(new Binary(Binary.Fn.ADD), a, OpFixtures.load("binary_add_chan", "b"));
        assertEquals(Layout.NHWC, y.layout());
    }

    @Test
    void refusesShapesThatDoNotBroadcast() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new Binary(Binary.Fn.ADD), Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertEquals("Add cannot broadcast shape (2, 3) with (4)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new Binary(Binary.Fn.MUL), Tensor.zeros(2)));
    }
}
