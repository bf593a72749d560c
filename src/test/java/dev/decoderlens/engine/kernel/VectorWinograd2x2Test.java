package dev.decoderlens.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.decoderlens.engine.CancellationToken;
import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Activation;
import dev.decoderlens.engine.op.Conv2D;
import dev.decoderlens.engine.op.ConvSpec;
import dev.decoderlens.engine.op.ConvTranspose2D;
import dev.decoderlens.engine.op.OpFixtures;
import dev.decoderlens.engine.op.Pads;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Phases with a 2x2 kernel run by F(2x2, 2x2) in the vector set ({@link VectorWinograd2x2}) and directly in the
 * plain set: the two agree within 1e-5 relative. The phase kernel is called on jobs built here (so the test knows
 * the F(2x2, 2x2) path ran, on odd row counts, odd widths with their edge patches, both tap layouts and every
 * activation path), then through the operators that produce such phases.
 */
class VectorWinograd2x2Test {
    private Random random;

    @BeforeEach
    void vectorKernelsOnly() {
        assumeFalse(Kernels.get() == Kernels.scalar(), "no vector kernels in this JVM");
        random = new Random(2);
    }

    /**
     * A 2x2 phase over a padded input of (h + 1) x (w + 1) pixels, rows x cols outputs at (oy0 + t*2, ox0 + u*2) of
     * an output of 2*rows+1 x 2*cols+1 pixels, either as two folded taps or as four taps in a scrambled order.
     */
    private ConvJob job(int rows, int cols, int cin, int cout, boolean folded, Activation act) {
        int inH = rows + 1, inW = cols + 1;
        float[] in = gaussian(inH * inW * cin);
        float[] out = new float[(2 * rows + 1) * (2 * cols + 1) * cout];
        Arrays.fill(out, Float.NaN); // whatever the phase does not write stays NaN, on both sides
        float[] bias = gaussian(cout);
        ConvJob.Phase ph;
        if (folded) { // taps (dy 0, dx 0) and (dy 1, dx 0), each two pixels wide
            FilterTaps f = new FilterTaps(1, 2, 2 * cin, cout, scaled(gaussian(4 * cin * cout), 4 * cin));
            Kernels.get().prepare(f);
            ph = new ConvJob.Phase(1, 0, rows, cols, 1, 1, 2, 2, new int[] {0, 1}, new int[] {0, 0}, f);
        } else { // (1,1), (0,0), (1,0), (0,1): the order a transposed convolution may list them in
            FilterTaps f = new FilterTaps(1, 4, cin, cout, scaled(gaussian(4 * cin * cout), 4 * cin));
            Kernels.get().prepare(f);
            ph = new ConvJob.Phase(1, 0, rows, cols, 1, 1, 2, 2, new int[] {1, 0, 1, 0}, new int[] {1, 0, 0, 1}, f);
        }
        return new ConvJob(in, 1, inH, inW, cin, out, 2 * rows + 1, 2 * cols + 1, cout, 1, cin, cout, bias, act, List.of(ph));
    }

    private static void assertAgree(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i], a = actual[i];
            boolean same = Float.isNaN(e) ? Float.isNaN(a) : Math.abs(e - a) <= 1e-5 * Math.max(1, Math.abs(e));
            if (!same) {
                throw new AssertionError(what + ", value " + i + ": direct " + e + ", F(2x2, 2x2) " + a);
            }
        }
    }

    @ParameterizedTest(name = "{0} x {1} outputs, {2} -> {3} channels, folded {4}, {5}")
    @CsvSource({
        "34, 10, 16, 32, true, RELU",   // 34 rows: bands of 4 rows, so the vector set takes pairs of rows
        "35, 9, 48, 64, true, IDENTITY", // an odd row count: a band of 3 rows, its last row direct; an odd width
        "33, 17, 32, 32, false, SIGMOID",
        "2, 2, 16, 96, false, TANH",     // too few rows for bands: the vector set keeps its direct kernels
        "40, 1, 16, 32, true, RELU",     // a single column
    })
    void thePhaseKernelMatchesTheDirectOne(int rows, int cols, int cin, int cout, boolean folded, String activation) {
        Activation act = switch (activation) {
            case "RELU" -> Activation.RELU;
            case "SIGMOID" -> Activation.SIGMOID;
            case "TANH" -> Activation.TANH;
            default -> Activation.IDENTITY;
        };
        ConvJob job = job(rows, cols, cin, cout, folded, act);
        ConvJob.Phase ph = job.phases().get(0);
        VectorWinograd2x2.Square sq = VectorWinograd2x2.square(job, ph);
        if (cols < 2) {
            assertNull(sq, "a single column is not worth a 2x2 block");
            return;
        }
        assertNotNull(sq, "this phase should take F(2x2, 2x2)");
        float[] direct = job.out().clone();
        ConvJob plain = new ConvJob(job.in(), 1, job.inH(), job.inW(), cin, direct, job.outH(), job.outW(), cout, 1,
                cin, cout, job.bias(), act, job.phases());
        Kernels.scalar().convolve(plain, CancellationToken.NONE);
        Kernels.get().convolve(job, CancellationToken.NONE); // in bands of rows, each in pairs and an odd last row
        assertAgree(direct, job.out(), "whole phase");
        // and the pairs alone: every row but an odd last one written by the F(2x2, 2x2) kernel itself
        float[] again = new float[direct.length];
        Arrays.fill(again, Float.NaN);
        ConvJob only = new ConvJob(job.in(), 1, job.inH(), job.inW(), cin, again, job.outH(), job.outW(), cout, 1,
                cin, cout, job.bias(), Activation.RELU, job.phases());
        int done = VectorWinograd2x2.rows(only, ph, sq, 0, 0, rows);
        assertEquals(rows / 2 * 2, done);
        float[] reluDirect = direct.clone();
        if (act != Activation.RELU) { // the direct reference with ReLU instead
            Arrays.fill(reluDirect, Float.NaN);
            Kernels.scalar().convolve(new ConvJob(job.in(), 1, job.inH(), job.inW(), cin, reluDirect, job.outH(),
                    job.outW(), cout, 1, cin, cout, job.bias(), Activation.RELU, job.phases()), CancellationToken.NONE);
        }
        int rowLen = job.outW() * cout;
        for (int t = done; t < rows; t++) { // the odd row was not written by the pairs
            int y = ph.oy0() + t * ph.stepH();
            Arrays.fill(reluDirect, y * rowLen, (y + 1) * rowLen, Float.NaN);
        }
        assertAgree(reluDirect, again, "row pairs");
    }

    @Test
    void otherPhasesKeepTheDirectKernels() {
        ConvJob job = job(4, 4, 16, 32, true, Activation.RELU);
        ConvJob.Phase ph = job.phases().get(0);
        FilterTaps f = ph.filter();
        ConvJob.Phase gapped = new ConvJob.Phase(1, 0, 4, 4, 1, 1, 2, 2, new int[] {0, 2}, new int[] {0, 0}, f);
        ConvJob.Phase strided = new ConvJob.Phase(1, 0, 4, 4, 2, 1, 2, 2, new int[] {0, 1}, new int[] {0, 0}, f);
        assertNull(VectorWinograd2x2.square(job, gapped), "rows two apart are not a 2x2 square");
        assertNull(VectorWinograd2x2.square(job, strided), "a strided phase");
        ConvJob narrow = job(4, 4, 8, 32, true, Activation.RELU); // 8 input channels do not fill a vector
        assertNull(VectorWinograd2x2.square(narrow, narrow.phases().get(0)));
    }

    /** The operators whose phases are 2x2 squares, each on the vector and the plain set. */
    @Test
    void operatorsWithSquarePhasesAgreeWithThePlainKernels() {
        Tensor x = OpFixtures.gaussian(random, 1, 32, 40, 13); // enough rows for bands
        Tensor b = OpFixtures.gaussian(random, 64);
        Op conv2x2 = new Conv2D(ConvSpec.of(2, 1).withPads(new Pads(1, 0, 0, 1)),
                tensor(scaled(gaussian(64 * 32 * 4), 32 * 4), 64, 32, 2, 2), b, Activation.RELU);
        Op convT4 = new ConvTranspose2D(ConvSpec.of(4, 2).withPads(Pads.symmetric(1, 1)),
                tensor(scaled(gaussian(32 * 64 * 16), 32 * 4), 32, 64, 4, 4), b, Activation.IDENTITY);
        for (Op op : new Op[] {conv2x2, convT4}) {
            Tensor s = op.apply(new Tensor[] {x}, new ExecContext(Kernels.scalar(), CancellationToken.NONE))[0];
            Tensor v = op.apply(new Tensor[] {x}, new ExecContext(Kernels.get(), CancellationToken.NONE))[0];
            assertArrayEquals(s.shape(), v.shape());
            assertAgree(s.toRowMajor().data(), v.toRowMajor().data(), op.type());
        }
    }

    private float[] gaussian(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** Weights scaled by 1/sqrt(fan-in), so that outputs are of order one and 1e-5 relative measures rounding. */
    private static float[] scaled(float[] w, int fanIn) {
        float s = (float) (1 / Math.sqrt(fanIn));
        for (int i = 0; i < w.length; i++) {
            w[i] *= s;
        }
        return w;
    }

    private static Tensor tensor(float[] v, int... shape) {
        return Tensor.of(shape, v);
    }
}
