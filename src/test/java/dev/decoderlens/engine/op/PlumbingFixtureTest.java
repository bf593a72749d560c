package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Softmax, Gemm, MatMul and the shape operators against PyTorch and numpy. */
class PlumbingFixtureTest {
    private static final int MAX = Integer.MAX_VALUE, MIN = Integer.MIN_VALUE;

    @Test
    void softmaxMatchesTorch() {
        OpFixtures.check("softmax_axis1", new Softmax(1, false, false), "x");
        OpFixtures.check("softmax_axis-1", new Softmax(-1, false, false), "x");
        OpFixtures.check("logsoftmax_axis2", new Softmax(2, true, false), "x");
        OpFixtures.check("softmax_coerce_axis1", new Softmax(1, false, true), "x");
        OpFixtures.check("logsoftmax_coerce_axis2", new Softmax(2, true, true), "x");
        OpFixtures.check("softmax_large", new Softmax(1, false, false), "x");
        assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new Softmax(4, false, false), Tensor.zeros(1, 2, 3, 4)));
    }

    @Test
    void gemmMatchesTorch() {
        OpFixtures.check("gemm_plain", new Gemm(1f, 0f, false, false), "a", "b", "c");
        OpFixtures.check("gemm_c_row", new Gemm(0.5f, 2f, false, false), "a", "b", "c");
        OpFixtures.check("gemm_trans_c_col", new Gemm(1.5f, 0.25f, true, true), "a", "b", "c");
        OpFixtures.check("gemm_transb_c_scalar", new Gemm(1f, 1f, false, true), "a", "b", "c");
        OpFixtures.check("gemm_transa_c_full", new Gemm(1f, -1f, true, false), "a", "b", "c");
        assertEquals(3L * 4 * 5, new Gemm(1, 1, false, false).macs(new int[][] {{3, 4}, {4, 5}}));
    }

    @Test
    void gemmRefusesMismatchedMatrices() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new Gemm(1, 1, false, false), Tensor.zeros(3, 4), Tensor.zeros(5, 6)));
        assertTrue(e.getMessage().startsWith("Gemm inner dimensions differ"), e.getMessage());
        var c = assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new Gemm(1, 1, false, false), Tensor.zeros(3, 4), Tensor.zeros(4, 5), Tensor.zeros(4)));
        assertTrue(c.getMessage().contains("C"), c.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2d", "batch", "bcast", "vec_mat", "mat_vec", "vec_vec", "bcast_a"})
    void matMulMatchesTorch(String name) {
        OpFixtures.check("matmul_" + name, new MatMul(), "a", "b");
    }

    @Test
    void matMulMacsAndErrors() {
        assertEquals(2L * 3 * 4 * 5, new MatMul().macs(new int[][] {{2, 3, 4}, {2, 4, 5}}));
        assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new MatMul(), Tensor.zeros(3, 4), Tensor.zeros(5, 2)));
    }

    @Test
    void reshapeFlattenSqueezeUnsqueezeMatchTorch() {
        OpFixtures.check("reshape", new Reshape(new int[] {0, 3, -1}, false), "x");
        OpFixtures.check("flatten_1", new Flatten(1), "x");
        OpFixtures.check("flatten_0", new Flatten(0), "x");
        OpFixtures.check("flatten_-1", new Flatten(-1), "x");
        OpFixtures.check("squeeze_all", new Squeeze(null), "x");
        OpFixtures.check("squeeze_axis2", new Squeeze(new int[] {-2}), "x");
        OpFixtures.check("unsqueeze_0_4", new Unsqueeze(new int[] {0, 4}), "x");
        OpFixtures.check("unsqueeze_-1", new Unsqueeze(new int[] {-1}), "x");
        Tensor x = OpFixtures.load("reshape", "x");
        Tensor shape = Tensor.of(new int[] {3}, new float[] {2, 3, 20});
        OpFixtures.assertClose(OpFixtures.load("reshape", "y"), OpFixtures.run(new Reshape(null, false), x.toNhwc(), shape), "shape input");
    }

    @Test
    void reshapeRulesAndErrors() {
        assertArrayEquals(new int[] {0, 6}, Reshape.resolve(new int[] {0, 2, 3}, new int[] {0, 6}, true, "Reshape"));
        assertArrayEquals(new int[] {4, 6}, Reshape.resolve(new int[] {4, 2, 3}, new int[] {0, -1}, false, "Reshape"));
        var e = assertThrows(IllegalArgumentException.class, () -> Reshape.resolve(new int[] {2, 3}, new int[] {4, 2}, false, "Reshape"));
        assertEquals("Reshape cannot turn (2, 3) (6 values) into (4, 2) (8 values)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Reshape.resolve(new int[] {2, 3}, new int[] {-1, -1}, false, "Reshape"));
        assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new Squeeze(new int[] {1}), Tensor.zeros(1, 3)));
        assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new Flatten(3), Tensor.zeros(1, 3)));
    }

    @Test
    void transposeMatchesTorch() {
        OpFixtures.check("transpose_nhwc", new Transpose(new int[] {0, 2, 3, 1}), "x");
        OpFixtures.check("transpose_3102", new Transpose(new int[] {3, 1, 0, 2}), "x");
        OpFixtures.check("transpose_reverse", new Transpose(null), "x");
        var e = assertThrows(IllegalArgumentException.class, () -> OpFixtures.run(new Transpose(new int[] {0, 0, 1, 2}), Tensor.zeros(1, 1, 1, 1)));
        assertTrue(e.getMessage().contains("not a permutation"), e.getMessage());
    }

    @Test
    void sliceMatchesNumpy() {
        OpFixtures.check("slice_basic", new Slice(new int[] {1, 1}, new int[] {3, 4}, new int[] {1, 3}, null), "x");
        OpFixtures.check("slice_step2", new Slice(new int[] {0, 1}, new int[] {4, MAX}, new int[] {2, 3}, new int[] {2, 2}), "x");
        OpFixtures.check("slice_negative_index", new Slice(new int[] {-3}, new int[] {-1}, new int[] {2}, null), "x");
        OpFixtures.check("slice_negative_step", new Slice(new int[] {-1, 4}, new int[] {MIN, 0}, new int[] {2, 3}, new int[] {-1, -2}), "x");
        OpFixtures.check("slice_clamped", new Slice(new int[] {2, -1000}, new int[] {1000, 3}, new int[] {2, -1}, null), "x");
        OpFixtures.check("slice_reverse_all", new Slice(new int[] {MAX}, new int[] {MIN}, new int[] {1}, new int[] {-1}), "x");
        OpFixtures.check("slice_empty", new Slice(new int[] {2}, new int[] {1}, new int[] {1}, null), "x");
    }

    @Test
    void sliceReadsItsArgumentsFromInputs() {
        Tensor x = OpFixtures.load("slice_step2", "x");
        Tensor y = OpFixtures.run(new Slice(null, null, null, null), x.toNhwc(), vec(0, 1), vec(4, 1000), vec(2, 3), vec(2, 2));
        OpFixtures.assertClose(OpFixtures.load("slice_step2", "y"), y, "slice from inputs");
        var e = assertThrows(IllegalArgumentException.class,
                () -> OpFixtures.run(new Slice(new int[] {0}, new int[] {1}, new int[] {0}, new int[] {0}), x));
        assertTrue(e.getMessage().contains("step must not be 0"), e.getMessage());
    }

    private static Tensor vec(float... v) {
        return Tensor.of(new int[] {v.length}, v);
    }
}
