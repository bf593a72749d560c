package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.UpsampledInputOp;
import dev.decoderlens.engine.kernel.ChannelsLast;
import dev.decoderlens.engine.kernel.ConvJob;
import dev.decoderlens.engine.kernel.FilterTaps;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.engine.kernel.Winograd;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * 2-D convolution (ONNX Conv) with an optional fused activation. Weight (Cout, Cin/groups, kH, kW), bias (Cout) or
 * null. Input in any layout, output NHWC. The weights are repacked once here into the kernels' tap form.
 */
public final class Conv2D implements UpsampledInputOp {
    private final ConvSpec spec;
    private final int cout;
    private final int cinG;
    private final float[] bias;
    private final Activation fused;
    private final FilterTaps filter;
    private final int[] dy;
    private final int[] dx;
    /** 3x3 stride-1 ungrouped layers with 8 or more channels each way: Winograd's transformed weights, else null. */
    private final Winograd.Filter winograd;
    /** The weights as given (OIHW), for the phase filters of an upsampled input. */
    private final float[] weightOihw;
    /** Phase filters for an upsampled input, by (fH, fW, padding before, phases on each axis). */
    private final Map<List<Integer>, FilterTaps[][]> upsampledFilters = new ConcurrentHashMap<>();

    public Conv2D(ConvSpec spec, Tensor weight, Tensor bias, Activation fused) {
        this.spec = spec;
        this.fused = fused == null ? Activation.IDENTITY : fused;
        int[] ws = weightShape(weight, spec, "Conv");
        this.cout = ws[0];
        this.cinG = ws[1];
        int g = spec.groups();
        if (cout % g != 0) {
            throw new IllegalArgumentException("Conv has " + cout + " output channels, not divisible by " + g + " groups");
        }
        this.bias = biasValues(bias, cout, "Conv");
        int coutG = cout / g, kh = spec.kernelH(), kw = spec.kernelW(), taps = kh * kw;
        float[] w = weight.toRowMajor().data();
        this.weightOihw = w;
        // canonical (g, tap, ci, co) from OIHW
        float[] canon = new float[w.length];
        for (int gi = 0; gi < g; gi++) {
            for (int co = 0; co < coutG; co++) {
                for (int ci = 0; ci < cinG; ci++) {
                    for (int t = 0; t < taps; t++) {
                        canon[((gi * taps + t) * cinG + ci) * coutG + co] = w[((gi * coutG + co) * cinG + ci) * taps + t];
                    }
                }
            }
        }
        if (g == 1 && spec.dilationW() == 1) {
            // Fold each kernel row into one tap of kw*cinG channels (see ConvJob): (ky, kx, ci, co) is already
            // (ky, kx*cinG + ci, co) in the canonical order, so the weights stay as they are.
            this.filter = new FilterTaps(1, kh, kw * cinG, coutG, canon);
            this.dy = new int[kh];
            this.dx = new int[kh];
            for (int t = 0; t < kh; t++) {
                dy[t] = t * spec.dilationH();
            }
        } else {
            this.filter = new FilterTaps(g, taps, cinG, coutG, canon);
            this.dy = new int[taps];
            this.dx = new int[taps];
            for (int t = 0; t < taps; t++) {
                dy[t] = (t / kw) * spec.dilationH();
                dx[t] = (t % kw) * spec.dilationW();
            }
        }
        Kernels.get().prepare(filter);
        this.winograd = kh == 3 && kw == 3 && g == 1 && spec.strideH() == 1 && spec.strideW() == 1
                && spec.dilationH() == 1 && spec.dilationW() == 1 ? Winograd.filter(w, cout, cinG) : null;
    }

    /** Checks a 4-D weight against the spec's kernel size; returns its shape. */
    static int[] weightShape(Tensor weight, ConvSpec spec, String type) {
        int[] ws = weight.shape();
        if (ws.length != 4) {
            throw new IllegalArgumentException(type + " weight must be 4-D, got " + Shapes.toString(ws));
        }
        if (ws[2] != spec.kernelH() || ws[3] != spec.kernelW()) {
            throw new IllegalArgumentException(type + " weight " + Shapes.toString(ws) + " does not match kernel "
                    + spec.kernelH() + "x" + spec.kernelW());
        }
        return ws;
    }

    /** The bias as an array of {@code n} values (zeros when absent). */
    static float[] biasValues(Tensor bias, int n, String type) {
        if (bias == null) {
            return new float[n];
        }
        if (bias.size() != n) {
            throw new IllegalArgumentException(type + " bias has " + bias.size() + " values, expected " + n);
        }
        return bias.toRowMajor().data().clone();
    }

    /**
     * The input as NHWC after checking rank and channel count. A converted copy comes from the run's buffers: give
     * it back with {@link #releaseInput} when the kernel is done.
     */
    static Tensor nhwcInput(Tensor[] inputs, int channels, String type, ExecContext ctx) {
        if (inputs.length < 1 || inputs[0] == null) {
            throw new IllegalArgumentException(type + " needs an input");
        }
        Tensor x = inputs[0];
        if (x.rank() != 4) {
            throw new IllegalArgumentException(type + " expects a 4-D input (N, C, H, W), got " + Shapes.toString(x.shape()));
        }
        if (x.dim(1) != channels) {
            throw new IllegalArgumentException(type + " expects " + channels + " input channels, got " + x.dim(1));
        }
        return ChannelsLast.of(x, ctx::uninitialized);
    }

    /** Returns the channels-last copy an operator made of its input to the run's buffers. */
    static void releaseInput(ExecContext ctx, Tensor original, Tensor nhwc) {
        if (nhwc != original) {
            ctx.recycle(nhwc.data());
        }
    }

    /**
     * The kernels' job for an NHWC input of (h, w) placed at (top, left) of a (hp, wp) zero-padded frame: the input
     * itself when there is no padding, else as a source that the kernels pad band by band.
     */
    static ConvJob job(float[] x, int n, int h, int w, int hp, int wp, int inC, int top, int left, float[] out, int oh,
                       int ow, int outC, int groups, int cinG, int coutG, float[] bias, Activation act,
                       List<ConvJob.Phase> phases) {
        if (hp == h && wp == w) {
            return new ConvJob(x, n, h, w, inC, out, oh, ow, outC, groups, cinG, coutG, bias, act, phases);
        }
        return new ConvJob(null, n, hp, wp, inC, out, oh, ow, outC, groups, cinG, coutG, bias, act, phases,
                new ConvJob.Source(x, h, w, top, left));
    }

    @Override
    public String type() {
        return "Conv";
    }

    public ConvSpec spec() {
        return spec;
    }

    public Activation fused() {
        return fused;
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        int g = spec.groups();
        Tensor x = nhwcInput(inputs, cinG * g, "Conv", ctx);
        int n = x.dim(0), h = x.dim(2), w = x.dim(3);
        ConvArithmetic.Axis ah = axisH(h), aw = axisW(w);
        int hp = h + ah.padStart() + ah.padEnd(), wp = w + aw.padStart() + aw.padEnd();
        // every output value is written by the kernels (ConvJob's contract): a recycled buffer is safe
        float[] out = ctx.uninitialized(Math.multiplyExact(Math.multiplyExact(n * ah.out(), aw.out()), cout));
        if (winograd != null && ctx.kernels().winograd(new Winograd.Job(winograd, x.data(), n, h, w, ah.padStart(),
                aw.padStart(), out, ah.out(), aw.out(), bias, fused), ctx.cancel())) {
            releaseInput(ctx, inputs[0], x);
            return new Tensor[] {Tensor.nhwc(n, cout, ah.out(), aw.out(), out)};
        }
        var phase = new ConvJob.Phase(0, 0, ah.out(), aw.out(), spec.strideH(), spec.strideW(), 1, 1, dy, dx, filter);
        ctx.kernels().convolve(job(x.data(), n, h, w, hp, wp, cinG * g, ah.padStart(), aw.padStart(), out, ah.out(),
                aw.out(), cout, g, cinG, cout / g, bias, fused, List.of(phase)), ctx.cancel());
        releaseInput(ctx, inputs[0], x);
        return new Tensor[] {Tensor.nhwc(n, cout, ah.out(), aw.out(), out)};
    }

    /** Whether this layer has Winograd weights (each kernel set then decides, see {@link Kernels#winograd}). */
    boolean winogradReady() {
        return winograd != null;
    }

    @Override
    public boolean acceptsUpsampled(int fH, int fW) {
        return spec.groups() == 1 && spec.strideH() == 1 && spec.strideW() == 1 && spec.dilationH() == 1
                && spec.dilationW() == 1 && fH >= 1 && fW >= 1;
    }

    /** See {@link UpsampledConv}: one small convolution per output phase, on the input before upsampling. */
    @Override
    public Tensor[] applyUpsampled(Tensor[] inputs, int fH, int fW, ExecContext ctx) {
        if (!acceptsUpsampled(fH, fW)) {
            throw new IllegalArgumentException("Conv cannot take an input upsampled by " + fH + "x" + fW);
        }
        Tensor x = nhwcInput(inputs, cinG, "Conv", ctx);
        int n = x.dim(0), h = x.dim(2), w = x.dim(3);
        ConvArithmetic.Axis ah = axisH(h * fH), aw = axisW(w * fW);
        var rowsOf = UpsampledConv.axisPhases(ah.out(), fH, spec.kernelH(), ah.padStart());
        var colsOf = UpsampledConv.axisPhases(aw.out(), fW, spec.kernelW(), aw.padStart());
        FilterTaps[][] filters = upsampledFilters.computeIfAbsent(
                List.of(fH, fW, ah.padStart(), aw.padStart(), rowsOf.size(), colsOf.size()), k -> {
            FilterTaps[][] f = new FilterTaps[rowsOf.size()][colsOf.size()];
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < f[i].length; j++) {
                    f[i][j] = UpsampledConv.filter(weightOihw, cout, cinG, spec.kernelH(), spec.kernelW(), rowsOf.get(i),
                            colsOf.get(j));
                }
            }
            return f;
        });
        int[] padH = UpsampledConv.padding(rowsOf, h), padW = UpsampledConv.padding(colsOf, w);
        List<ConvJob.Phase> phases = new java.util.ArrayList<>();
        for (int i = 0; i < rowsOf.size(); i++) {
            for (int j = 0; j < colsOf.size(); j++) {
                phases.add(UpsampledConv.phase(rowsOf.get(i), colsOf.get(j), fH, fW, padH[0], padW[0], filters[i][j]));
            }
        }
        float[] out = ctx.uninitialized(Math.multiplyExact(Math.multiplyExact(n * ah.out(), aw.out()), cout));
        ctx.kernels().convolve(job(x.data(), n, h, w, h + padH[0] + padH[1], w + padW[0] + padW[1], cinG, padH[0],
                padW[0], out, ah.out(), aw.out(), cout, 1, cinG, cout, bias, fused, phases), ctx.cancel());
        releaseInput(ctx, inputs[0], x);
        return new Tensor[] {Tensor.nhwc(n, cout, ah.out(), aw.out(), out)};
    }

    private ConvArithmetic.Axis axisH(int h) {
        return ConvArithmetic.conv(h, spec.kernelH(), spec.strideH(), spec.dilationH(), spec.autoPad(),
                spec.pads().top(), spec.pads().bottom());
    }

    private ConvArithmetic.Axis axisW(int w) {
        return ConvArithmetic.conv(w, spec.kernelW(), spec.strideW(), spec.dilationW(), spec.autoPad(),
                spec.pads().left(), spec.pads().right());
    }

    @Override
    public long macs(int[][] inputShapes) {
        int[] s = inputShapes[0];
        return (long) s[0] * axisH(s[2]).out() * axisW(s[3]).out() * cout * cinG * spec.kernelH() * spec.kernelW();
    }
}
