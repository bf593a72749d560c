package dev.decoderlens.importer.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.decoderlens.engine.Executor;
import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.ImportedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Shared helpers of the Keras importer tests. */
final class KerasTestSupport {
    private KerasTestSupport() {
    }

    /** ../shared/keras-models (from the main checkout; a worktree finds it one level further up). Skips when absent. */
    static Path sharedModels() {
        Path dir = Path.of(System.getProperty("user.dir"));
        for (Path p : new Path[] {dir.resolve("../shared/keras-models"), dir.resolve("../../shared/keras-models")}) {
            if (Files.isDirectory(p)) {
                return p.normalize();
            }
        }
        Assumptions.abort("../shared/keras-models is not present");
        return null;
    }

    /** A channels-last (N, H, W, C) array, as Keras takes it, as the engine's logical NCHW tensor. */
    static Tensor fromNhwc(Tensor nhwc) {
        int[] s = nhwc.shape();
        return new Tensor(new int[] {s[0], s[3], s[1], s[2]}, nhwc.toRowMajor().data(), Layout.NHWC);
    }

    /** Runs a one-input, one-output model. */
    static Tensor run(ImportedModel m, Tensor input) {
        String in = m.graph().inputs().getFirst();
        String out = m.graph().outputs().getFirst();
        return new Executor().run(m.graph(), Map.of(in, input)).tensors().get(out);
    }

    /** |a - e| <= 1e-4 + 1e-3 |e| for every value, in logical order. */
    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toRowMajor().data();
        float[] a = actual.toRowMajor().data();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= 1e-4 + 1e-3 * Math.abs(e[i]))) {
                fail(what + ": value " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
    }
}
