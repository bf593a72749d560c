package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator refuses missing inputs and a wrong-rank image with a one-line IllegalArgumentException naming
 * itself, never a NullPointerException or an index error.
 */
class OpRefusalTest {

    static Stream<Op> ops() {
        return Stream.of(
                new MaxPool2D(PoolSpec.of(2, 2)), new AvgPool2D(PoolSpec.of(2, 2), true), new GlobalPool(true),
                new Resize(ResizeSpec.kerasNearest(2, 2)), new DepthToSpace(2, true),
                new BatchNorm(new float[] {1}, new float[] {0}, new float[] {0}, new float[] {1}, 1e-3f),
                new InstanceNorm(new float[] {1}, new float[] {0}, 1e-5f), new ActivationOp(Activation.RELU),
                new PRelu(Tensor.scalar(0.1f)), new Softmax(1, false, false), new Binary(Binary.Fn.ADD), new Concat(1),
                new Gemm(1, 1, false, false), new MatMul(), new Reshape(new int[] {-1}, false), new Flatten(1),
                new Transpose(null), new Squeeze(null), new Unsqueeze(new int[] {0}),
                new Slice(new int[] {0}, new int[] {1}, null, null), new Pad(Pad.Mode.REFLECT, new int[] {1, 1}, 0f));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ops")
    void refusesMissingInputs(Op op) {
        for (Tensor[] inputs : List.of(new Tensor[0], new Tensor[] {null})) {
            var e = assertThrows(IllegalArgumentException.class, () -> op.apply(inputs, ExecContext.defaults()), op.type());
            assertTrue(e.getMessage().startsWith(op.type()) || e.getMessage().contains(op.type()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    static Stream<Op> imageOps() {
        return ops().filter(op -> op instanceof WindowPool || op instanceof GlobalPool || op instanceof Resize
                || op instanceof DepthToSpace);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("imageOps")
    void imageOperatorsRefuseOtherRanks(Op op) {
        var e = assertThrows(IllegalArgumentException.class, () -> op.apply(new Tensor[] {Tensor.zeros(3, 4)}, ExecContext.defaults()));
        assertTrue(e.getMessage().contains("rank-4"), e.getMessage());
    }
}
