package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.io.Npy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reference arrays made by scripts/fixtures/make_op_fixtures.py (PyTorch, the ONNX reference implementation, or
 * numpy from the ONNX formulas) and the comparison every operator test uses.
 */
public final class OpFixtures {
    private OpFixtures() {
    }

    /** src/test/resources/fixtures/ops/{@code kase}.{@code name}.npy as a row-major tensor. */
    public static Tensor load(String kase, String name) {
        String res = "/fixtures/ops/" + kase + "." + name + ".npy";
        try (InputStream in = OpFixtures.class.getResourceAsStream(res)) {
            assertNotNull(in, "missing fixture " + res + " (run scripts/fixtures/make_op_fixtures.py)");
            return Npy.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] values(String kase, String name) {
        return load(kase, name).data();
    }

    /**
     * Runs a one-output op with a context whose buffers arrive full of NaN: an operator that reads a value of a
     * recycled buffer it did not write first fails the comparison with the reference.
     */
    public static Tensor run(Op op, Tensor... inputs) {
        return op.apply(inputs, poisonedContext(dev.decoderlens.engine.kernel.Kernels.get()))[0];
    }

    /** A row-major tensor of standard Gaussian values drawn from {@code random}. */
    public static Tensor gaussian(java.util.Random random, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian();
        }
        return t;
    }

    /** The default kernels with a NaN-poisoned {@link dev.decoderlens.engine.BufferPool}. */
    public static ExecContext poisonedContext(dev.decoderlens.engine.kernel.Kernels kernels) {
        return new ExecContext(kernels, dev.decoderlens.engine.CancellationToken.NONE,
                dev.decoderlens.engine.BufferPool.poisoned());
    }

    /** The same values stored channels last when rank 4 (to run every op on both storages). */
    public static Tensor channelsLast(Tensor t) {
        return t != null && t.rank() == 4 ? t.toNhwc() : t;
    }

    /** |a - b| <= 1e-4 + 1e-3 |b| everywhere, comparing logical values whatever the storage. */
    public static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape " + Shapes.toString(actual.shape())
                + ", expected " + Shapes.toString(expected.shape()));
        float[] e = expected.toRowMajor().data(), a = actual.toRowMajor().data();
        for (int i = 0; i < e.length; i++) {
            boolean bothNan = Float.isNaN(e[i]) && Float.isNaN(a[i]);
            if (!bothNan && !(Math.abs(a[i] - e[i]) <= 1e-4 + 1e-3 * Math.abs(e[i])) && e[i] != a[i]) {
                fail(what + ": value " + i + " of " + Shapes.toString(expected.shape()) + " is " + a[i]
                        + ", expected " + e[i]);
            }
        }
    }

    /**
     * Runs {@code op} on the fixture inputs named {@code inputs}, once row-major and once with rank-4 inputs stored
     * channels last, and compares both with the fixture's {@code y}.
     */
    public static void check(String kase, Op op, String... inputs) {
        Tensor[] rowMajor = new Tensor[inputs.length];
        Tensor[] nhwc = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            rowMajor[i] = load(kase, inputs[i]);
            nhwc[i] = channelsLast(rowMajor[i]);
        }
        Tensor expected = load(kase, "y");
        assertClose(expected, run(op, rowMajor), kase + " (row-major input)");
        assertClose(expected, run(op, nhwc), kase + " (NHWC input)");
    }
}
