package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.NearestUpsampling;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.UpsampledInputOp;
import dev.decoderlens.engine.kernel.Parallel;

/**
 * Spatial resize of an (N, C, H, W) tensor: nearest, bilinear or bicubic with any ONNX coordinate transformation
 * mode (see {@link ResizeSpec}). Separable: each axis gets its taps and weights once, then every output pixel is
 * a weighted sum of whole channel vectors of the NHWC input. Output NHWC.
 */
public final class Resize implements NearestUpsampling, UpsampledInputOp {
    private final ResizeSpec spec;

    public Resize(ResizeSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException("Resize needs a ResizeSpec");
        }
        this.spec = spec;
    }

    public ResizeSpec spec() {
        return spec;
    }

    @Override
    public String type() {
        return "Resize";
    }

    /** (out H, out W) for an input of (h, w). */
    public int[] outputSize(int h, int w) {
        if (spec.bySize()) {
            return new int[] {spec.outH(), spec.outW()};
        }
        int oh = (int) Math.floor(h * (double) spec.scaleH());
        int ow = (int) Math.floor(w * (double) spec.scaleW());
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("Resize by " + spec.scaleH() + "x" + spec.scaleW() + " turns "
                    + h + "x" + w + " into an empty image");
        }
        return new int[] {oh, ow};
    }

    /**
     * Checked on the sampling itself, not on the mode names: Keras' and PyTorch's nearest (asymmetric, floor) and
     * ONNX's default (half pixel, round prefer floor) all pick input pixel y / f for a whole factor f.
     */
    @Override
    public int[] wholeFactors(int[] inputShape) {
        if (spec.mode() != ResizeSpec.Mode.NEAREST || inputShape.length != 4 || inputShape[2] < 1 || inputShape[3] < 1) {
            return null;
        }
        int h = inputShape[2], w = inputShape[3];
        ResizeAxis[] axes;
        try {
            axes = axes(h, w);
        } catch (IllegalArgumentException e) {
            return null; // apply says why
        }
        int fh = axes[0].out() / h, fw = axes[1].out() / w;
        return axes[0].out() == fh * h && axes[1].out() == fw * w && floorsBy(axes[0], fh) && floorsBy(axes[1], fw)
                ? new int[] {fh, fw} : null;
    }

    /** The sampling of both axes (y, x) for an input of (h, w). */
    private ResizeAxis[] axes(int h, int w) {
        int[] o = outputSize(h, w);
        double sh = spec.bySize() ? (double) o[0] / h : spec.scaleH();
        double sw = spec.bySize() ? (double) o[1] / w : spec.scaleW();
        return new ResizeAxis[] {ResizeAxis.of(h, o[0], sh, spec), ResizeAxis.of(w, o[1], sw, spec)};
    }

    private static boolean floorsBy(ResizeAxis axis, int f) {
        for (int k = 0; k < axis.out(); k++) {
            if (axis.index()[k] != k / f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor in = OpInputs.requireRank(OpInputs.require(inputs, 0, type()), 4, type()).toNhwc();
        int n = in.dim(0), c = in.dim(1), h = in.dim(2), w = in.dim(3);
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("Resize needs a non-empty image, got " + in);
        }
        ResizeAxis[] axes = axes(h, w);
        ResizeAxis ay = axes[0], ax = axes[1];
        int oh = ay.out(), ow = ax.out();
        float[] x = in.data();
        int ty = ay.taps(), tx = ax.taps();
        // nearest copies every output value; interpolation accumulates into zeros
        float[] y = ty == 1 && tx == 1 ? ctx.uninitialized(n * oh * ow * c) : new float[n * oh * ow * c];
        if (ty == 1 && tx == 1) {
            nearest(x, n, h, w, c, ay, ax, y, ctx);
        } else {
            interpolate(x, n, h, w, c, ay, ax, y, ctx);
        }
        return new Tensor[] {Tensor.nhwc(n, c, oh, ow, y)};
    }

    /** A nearest resize of a nearest upsampling is one nearest resize of the smaller image. */
    @Override
    public boolean acceptsUpsampled(int fH, int fW) {
        return spec.mode() == ResizeSpec.Mode.NEAREST && fH >= 1 && fW >= 1;
    }

    /** Samples the enlarged image's pixel i as pixel i / f of the smaller one: no enlarged copy is made. */
    @Override
    public Tensor[] applyUpsampled(Tensor[] inputs, int fH, int fW, ExecContext ctx) {
        if (!acceptsUpsampled(fH, fW)) {
            throw new IllegalArgumentException("Resize cannot take an input upsampled by " + fH + "x" + fW);
        }
        Tensor in = OpInputs.requireRank(OpInputs.require(inputs, 0, type()), 4, type()).toNhwc();
        int n = in.dim(0), c = in.dim(1), h = in.dim(2), w = in.dim(3);
        if (h == 0 || w == 0) {
            throw new IllegalArgumentException("Resize needs a non-empty image, got " + in);
        }
        ResizeAxis[] enlarged = axes(h * fH, w * fW);
        ResizeAxis ay = enlarged[0].dividedBy(fH), ax = enlarged[1].dividedBy(fW);
        float[] y = ctx.uninitialized(n * ay.out() * ax.out() * c);
        nearest(in.data(), n, h, w, c, ay, ax, y, ctx);
        return new Tensor[] {Tensor.nhwc(n, c, ay.out(), ax.out(), y)};
    }

    /**
     * Nearest: every output pixel is one input channel vector, copied whole. Output rows that sample the same
     * input row (all but one of each run, for an integer upscale) are copies of the first one, made by the task
     * that built it; the tasks of those rows have nothing to do.
     */
    private static void nearest(float[] x, int n, int h, int w, int c, ResizeAxis ay, ResizeAxis ax, float[] y,
                                ExecContext ctx) {
        int oh = ay.out(), ow = ax.out(), rowLen = ow * c;
        int[] iy = ay.index(), ix = ax.index();
        Parallel.forEach(n * oh, task -> {
            int b = task / oh, oy = task % oh;
            if (oy > 0 && iy[oy] == iy[oy - 1]) {
                return;
            }
            ctx.checkCancelled();
            int src = (b * h + iy[oy]) * w * c;
            int yo = (b * oh + oy) * rowLen;
            for (int ox = 0; ox < ow; ox++) {
                System.arraycopy(x, src + ix[ox] * c, y, yo + ox * c, c);
            }
            for (int dup = oy + 1; dup < oh && iy[dup] == iy[oy]; dup++) {
                System.arraycopy(y, yo, y, yo + (dup - oy) * rowLen, rowLen);
            }
        });
    }

    /** Bilinear and bicubic: each output pixel is the weighted sum of ty x tx input channel vectors. */
    private static void interpolate(float[] x, int n, int h, int w, int c, ResizeAxis ay, ResizeAxis ax, float[] y,
                                    ExecContext ctx) {
        int oh = ay.out(), ow = ax.out(), ty = ay.taps(), tx = ax.taps();
        // One task per output row (batch item b, row oy), spread over the kernel threads.
        Parallel.forEach(n * oh, task -> {
            ctx.checkCancelled();
            int b = task / oh, oy = task % oh;
            for (int ox = 0; ox < ow; ox++) {
                int yo = ((b * oh + oy) * ow + ox) * c;
                if (ty == 2 && tx == 2 && bilinear(x, b, h, w, c, ay, ax, oy, ox, y, yo)) {
                    continue;
                }
                for (int i = 0; i < ty; i++) {
                    int row = (b * h + ay.index()[oy * ty + i]) * w;
                    float wy = ay.weight()[oy * ty + i];
                    for (int j = 0; j < tx; j++) {
                        float wgt = wy * ax.weight()[ox * tx + j];
                        if (wgt == 0f) {
                            continue;
                        }
                        int xo = (row + ax.index()[ox * tx + j]) * c;
                        for (int ch = 0; ch < c; ch++) {
                            y[yo + ch] += wgt * x[xo + ch];
                        }
                    }
                }
            }
        });
    }

    /**
     * One bilinear output pixel whose four weights are all non-zero, summed in registers and stored once. The
     * additions run in the general loop's order from 0, so the result is bit-identical to it. Returns false (and
     * writes nothing) when a weight is zero: the general loop skips such taps, which matters for an infinite input.
     */
    private static boolean bilinear(float[] x, int b, int h, int w, int c, ResizeAxis ay, ResizeAxis ax, int oy,
                                    int ox, float[] y, int yo) {
        float wy0 = ay.weight()[2 * oy], wy1 = ay.weight()[2 * oy + 1];
        float wx0 = ax.weight()[2 * ox], wx1 = ax.weight()[2 * ox + 1];
        float w00 = wy0 * wx0, w01 = wy0 * wx1, w10 = wy1 * wx0, w11 = wy1 * wx1;
        if (w00 == 0f || w01 == 0f || w10 == 0f || w11 == 0f) {
            return false;
        }
        int r0 = (b * h + ay.index()[2 * oy]) * w, r1 = (b * h + ay.index()[2 * oy + 1]) * w;
        int c0 = ax.index()[2 * ox], c1 = ax.index()[2 * ox + 1];
        int x00 = (r0 + c0) * c, x01 = (r0 + c1) * c, x10 = (r1 + c0) * c, x11 = (r1 + c1) * c;
        for (int ch = 0; ch < c; ch++) {
            y[yo + ch] = (((0f + w00 * x[x00 + ch]) + w01 * x[x01 + ch]) + w10 * x[x10 + ch]) + w11 * x[x11 + ch];
        }
        return true;
    }

    /** One multiply-add per interpolation tap and output value (1, 4 or 16 taps). */
    @Override
    public long macs(int[][] inputShapes) {
        int[] s = inputShapes[0];
        if (s.length != 4 || s[2] == 0 || s[3] == 0) {
            return 0;
        }
        int[] o = outputSize(s[2], s[3]);
        int taps = switch (spec.mode()) {
            case NEAREST -> 1;
            case LINEAR -> 4;
            case CUBIC -> 16;
        };
        return (long) s[0] * s[1] * o[0] * o[1] * taps;
    }
}
