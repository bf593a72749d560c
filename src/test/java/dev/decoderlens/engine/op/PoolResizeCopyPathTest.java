package dev.decoderlens.engine.op;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.ResizeSpec.CoordMode;
import dev.decoderlens.engine.op.ResizeSpec.Mode;
import dev.decoderlens.engine.op.ResizeSpec.NearestMode;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast MaxPool (first tap copied, Math.max folding), the row-duplicating nearest Resize and the fused
 * bilinear Resize pixel against plain
 * per-output-value definitions written here from the formulas, on awkward sizes: odd widths, channel counts 1, 3,
 * 17, 33 (not multiples of any vector width), padding, ceil mode, dilation, non-integer and downscaling factors.
 * Bitwise equality: max and copy are exact, and the fused bilinear pixel must add in the same order.
 */
class PoolResizeCopyPathTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 33})
    void maxPoolEqualsPerValueDefinition(int c) {
        Tensor x = input(2, c, 7, 9, c);
        PoolSpec[] specs = {
                PoolSpec.of(2, 2), PoolSpec.of(3, 2), PoolSpec.of(3, 3),
                new PoolSpec(2, 3, 1, 2, 1, 1, AutoPad.NOTSET, new Pads(1, 0, 1, 2), true),
                new PoolSpec(3, 2, 2, 1, 2, 1, AutoPad.NOTSET, Pads.ZERO, false),
                PoolSpec.of(3, 2).withAutoPad(AutoPad.SAME_UPPER)};
        for (PoolSpec spec : specs) {
            Tensor got = run(new MaxPool2D(spec), x);
            assertArrayEquals(referenceMaxPool(x, spec, got.dim(2), got.dim(3)), got.toNhwc().data(), 0f,
                    spec + " c=" + c);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 33})
    void nearestResizeEqualsPerPixelGather(int c) {
        Tensor x = input(2, c, 5, 7, c + 100);
        ResizeSpec[] specs = {
                ResizeSpec.kerasNearest(2, 2), ResizeSpec.kerasNearest(3, 1),
                ResizeSpec.scales(Mode.NEAREST, CoordMode.HALF_PIXEL, NearestMode.ROUND_PREFER_FLOOR, 1.5f, 2.5f),
                ResizeSpec.scales(Mode.NEAREST, CoordMode.ASYMMETRIC, NearestMode.FLOOR, 0.5f, 0.75f),
                ResizeSpec.sizes(Mode.NEAREST, CoordMode.ALIGN_CORNERS, NearestMode.ROUND_PREFER_CEIL, 11, 4)};
        for (ResizeSpec spec : specs) {
            Tensor got = run(new Resize(spec), x);
            assertArrayEquals(referenceNearest(x, spec, got.dim(2), got.dim(3)), got.toNhwc().data(), 0f,
                    spec + " c=" + c);
        }
    }

    /** The fused 4-tap bilinear pixel against the tap-by-tap sum (same order, zero-weight taps skipped). */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 17, 33})
    void bilinearResizeEqualsTapByTapSum(int c) {
        Tensor x = input(2, c, 5, 7, c + 200);
        // An infinite input value: a zero-weight tap on it must stay skipped (0 * inf would be NaN).
        x.data()[3] = Float.POSITIVE_INFINITY;
        ResizeSpec[] specs = {
                ResizeSpec.kerasBilinear(2, 2), ResizeSpec.kerasBilinear(3, 1),
                ResizeSpec.scales(Mode.LINEAR, CoordMode.HALF_PIXEL, NearestMode.FLOOR, 1.5f, 2.5f),
                ResizeSpec.scales(Mode.LINEAR, CoordMode.ASYMMETRIC, NearestMode.FLOOR, 0.5f, 0.75f),
                ResizeSpec.sizes(Mode.LINEAR, CoordMode.ALIGN_CORNERS, NearestMode.FLOOR, 11, 4)};
        for (ResizeSpec spec : specs) {
            Tensor got = run(new Resize(spec), x);
            assertArrayEquals(referenceLinear(x, spec, got.dim(2), got.dim(3)), got.toNhwc().data(), 0f,
                    spec + " c=" + c);
        }
    }

    /** NaN in any window position wins, as in PyTorch (the old compare-and-keep loop lost a NaN that was not last). */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void maxPoolPropagatesNanFromAnyTap(int tap) {
        float[] d = {1, 2, 3, 4};
        d[tap] = Float.NaN;
        Tensor got = run(new MaxPool2D(PoolSpec.of(2, 2)), Tensor.nhwc(1, 1, 2, 2, d));
        assertTrue(Float.isNaN(got.data()[0]), "tap " + tap);
    }

    private static float[] referenceMaxPool(Tensor t, PoolSpec spec, int oh, int ow) {
        Tensor x = t.toNhwc();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        PoolAxis ay = spec.axisH(h, "MaxPool"), ax = spec.axisW(w, "MaxPool");
        float[] y = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        // Window start and taps from the geometry directly, not from PoolAxis's tap lists.
                        float m = Float.NEGATIVE_INFINITY;
                        for (int i = 0; i < spec.kernelH(); i++) {
                            int iy = oy * spec.strideH() - ay.padBegin() + i * spec.dilationH();
                            for (int j = 0; j < spec.kernelW(); j++) {
                                int ix = ox * spec.strideW() - ax.padBegin() + j * spec.dilationW();
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                    m = Math.max(m, x.data()[((b * h + iy) * w + ix) * c + ch]);
                                }
                            }
                        }
                        y[((b * oh + oy) * ow + ox) * c + ch] = m;
                    }
                }
            }
        }
        return y;
    }

    private static float[] referenceNearest(Tensor t, ResizeSpec spec, int oh, int ow) {
        Tensor x = t.toNhwc();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        double sh = spec.bySize() ? (double) oh / h : spec.scaleH();
        double sw = spec.bySize() ? (double) ow / w : spec.scaleW();
        float[] y = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                int iy = source(oy, h, oh, sh, spec);
                for (int ox = 0; ox < ow; ox++) {
                    int ix = source(ox, w, ow, sw, spec);
                    for (int ch = 0; ch < c; ch++) {
                        y[((b * oh + oy) * ow + ox) * c + ch] = x.data()[((b * h + iy) * w + ix) * c + ch];
                    }
                }
            }
        }
        return y;
    }

    private static float[] referenceLinear(Tensor t, ResizeSpec spec, int oh, int ow) {
        Tensor x = t.toNhwc();
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        double sh = spec.bySize() ? (double) oh / h : spec.scaleH();
        double sw = spec.bySize() ? (double) ow / w : spec.scaleW();
        ResizeAxis ay = ResizeAxis.of(h, oh, sh, spec), ax = ResizeAxis.of(w, ow, sw, spec);
        float[] y = new float[n * oh * ow * c];
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ch = 0; ch < c; ch++) {
                        float sum = 0f;
                        for (int i = 0; i < 2; i++) {
                            for (int j = 0; j < 2; j++) {
                                float wgt = ay.weight()[2 * oy + i] * ax.weight()[2 * ox + j];
                                if (wgt != 0f) {
                                    int iy = ay.index()[2 * oy + i], ix = ax.index()[2 * ox + j];
                                    sum += wgt * x.data()[((b * h + iy) * w + ix) * c + ch];
                                }
                            }
                        }
                        y[((b * oh + oy) * ow + ox) * c + ch] = sum;
                    }
                }
            }
        }
        return y;
    }

    private static int source(int o, int in, int out, double scale, ResizeSpec spec) {
        int i = ResizeAxis.nearest(ResizeAxis.original(o, in, out, scale, spec.coord()), spec.nearest());
        return Math.min(Math.max(i, 0), in - 1);
    }

    /** Distinct values (so a wrong source pixel shows), stored NCHW so the ops' layout change is exercised too. */
    private static Tensor input(int n, int c, int h, int w, long seed) {
        float[] d = new float[n * c * h * w];
        Random r = new Random(seed);
        for (int i = 0; i < d.length; i++) {
            d[i] = i + r.nextFloat() * 0.5f - (i % 3 == 0 ? 1000 : 0);
        }
        return Tensor.of(new int[] {n, c, h, w}, d);
    }

    private static Tensor run(Op op, Tensor x) {
        return op.apply(new Tensor[] {x}, ExecContext.defaults())[0];
    }
}
