package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.ConvJob;
import dev.decoderlens.engine.kernel.FilterTaps;
import dev.decoderlens.engine.kernel.Kernels;
import java.util.ArrayList;
import java.util.List;

/**
 * 2-D transposed convolution (ONNX ConvTranspose) with an optional fused activation. Weight (Cin, Cout/groups, kH,
 * kW), bias (Cout) or null; pads, auto_pad, output_padding and output_shape follow the ONNX rules
 * ({@link ConvArithmetic#transpose}). Input in any layout, output NHWC.
 *
 * <p>Computed by stride-phase decomposition: output pixels with the same (y mod sH, x mod sW) form a stride-1
 * convolution of the input with the kernel taps that reach them, so the kernels run s*s ordinary convolutions
 * writing straight into the interleaved output, never multiplying an inserted zero. A 2x2 stride-2 layer becomes
 * four 1-tap GEMMs. The filter of each residue class is packed here, once.
 */
public final class ConvTranspose2D implements Op {
    private final ConvSpec spec;
    private final int cin;
    private final int coutG;
    private final float[] bias;
    private final Activation fused;
    /** Kernel rows ky that reach output rows whose full coordinate is congruent to r mod sH, by r. */
    private final int[][] kyByResidue;
    private final int[][] kxByResidue;
    /** The filter of residue class (rH, rW), taps ordered (ky in kyByResidue[rH]) x (kx in kxByResidue[rW]). */
    private final FilterTaps[][] filters;

    public ConvTranspose2D(ConvSpec spec, Tensor weight, Tensor bias, Activation fused) {
        this.spec = spec;
        this.fused = fused == null ? Activation.IDENTITY : fused;
        int[] ws = Conv2D.weightShape(weight, spec, "ConvTranspose");
        int g = spec.groups();
        this.cin = ws[0];
        this.coutG = ws[1];
        if (cin % g != 0) {
            throw new IllegalArgumentException("ConvTranspose has " + cin + " input channels, not divisible by " + g + " groups");
        }
        this.bias = Conv2D.biasValues(bias, coutG * g, "ConvTranspose");
        this.kyByResidue = tapsByResidue(spec.kernelH(), spec.strideH(), spec.dilationH());
        this.kxByResidue = tapsByResidue(spec.kernelW(), spec.strideW(), spec.dilationW());
        float[] w = weight.toRowMajor().data();
        this.filters = new FilterTaps[spec.strideH()][spec.strideW()];
        for (int rh = 0; rh < spec.strideH(); rh++) {
            for (int rw = 0; rw < spec.strideW(); rw++) {
                filters[rh][rw] = residueFilter(w, kyByResidue[rh], kxByResidue[rw]);
                Kernels.get().prepare(filters[rh][rw]);
            }
        }
    }

    /** For each residue r in [0, s): the kernel indices k with k*d congruent to r mod s. */
    private static int[][] tapsByResidue(int k, int s, int d) {
        int[][] byResidue = new int[s][];
        for (int r = 0; r < s; r++) {
            int rr = r;
            byResidue[r] = java.util.stream.IntStream.range(0, k).filter(i -> Math.floorMod(rr - i * d, s) == 0).toArray();
        }
        return byResidue;
    }

    private FilterTaps residueFilter(float[] w, int[] kys, int[] kxs) {
        int g = spec.groups(), cinG = cin / g, kh = spec.kernelH(), kw = spec.kernelW();
        int taps = kys.length * kxs.length;
        float[] canon = new float[g * taps * cinG * coutG];
        for (int gi = 0; gi < g; gi++) {
            for (int a = 0; a < kys.length; a++) {
                for (int b = 0; b < kxs.length; b++) {
                    int tap = a * kxs.length + b;
                    for (int ci = 0; ci < cinG; ci++) {
                        for (int co = 0; co < coutG; co++) {
                            // weight (Cin, Cout/g, kH, kW)
                            float v = w[(((gi * cinG + ci) * coutG + co) * kh + kys[a]) * kw + kxs[b]];
                            canon[((gi * taps + tap) * cinG + ci) * coutG + co] = v;
                        }
                    }
                }
            }
        }
        return new FilterTaps(g, taps, cinG, coutG, canon);
    }

    @Override
    public String type() {
        return "ConvTranspose";
    }

    public ConvSpec spec() {
        return spec;
    }

    public Activation fused() {
        return fused;
    }

    /**
     * The phases of one axis: output index o0 + t*s (t < rows) reads input index t + offsets[i] for the i-th tap of
     * its residue class; offsets are relative to the unpadded input.
     */
    private record AxisPhase(int o0, int rows, int residue, int[] offsets) {
    }

    private static List<AxisPhase> axisPhases(int in, int out, int padStart, int s, int d, int[][] byResidue) {
        List<AxisPhase> list = new ArrayList<>();
        for (int o0 = 0; o0 < Math.min(s, out); o0++) {
            int q = o0 + padStart; // full (uncropped) coordinate of output o0
            int r = Math.floorMod(q, s);
            int[] ks = byResidue[r];
            int[] off = new int[ks.length];
            for (int i = 0; i < ks.length; i++) {
                off[i] = Math.floorDiv(q - ks[i] * d, s);
            }
            list.add(new AxisPhase(o0, (out - o0 + s - 1) / s, r, off));
        }
        return list;
    }

    /** Zero rows needed before (index 0) and after (index 1) the input so that every read is inside. */
    private static int[] padsFor(List<AxisPhase> phases, int in) {
        int lo = 0, hi = 0;
        for (AxisPhase p : phases) {
            for (int c : p.offsets()) {
                lo = Math.max(lo, -c);
                hi = Math.max(hi, p.rows() - 1 + c - (in - 1));
            }
        }
        return new int[] {lo, hi};
    }

    private ConvArithmetic.Axis axisH(int h) {
        return ConvArithmetic.transpose(h, spec.kernelH(), spec.strideH(), spec.dilationH(), spec.outputPadH(),
                spec.autoPad(), spec.pads().top(), spec.pads().bottom(), outputSize(0));
    }

    private ConvArithmetic.Axis axisW(int w) {
        return ConvArithmetic.transpose(w, spec.kernelW(), spec.strideW(), spec.dilationW(), spec.outputPadW(),
                spec.autoPad(), spec.pads().left(), spec.pads().right(), outputSize(1));
    }

    /** output_shape may list (H, W) or the whole (N, C, H, W): take the spatial part. */
    private int outputSize(int axis) {
        int[] os = spec.outputShape();
        return os == null || os.length < 2 ? -1 : os[os.length - 2 + axis];
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        int g = spec.groups(), cout = coutG * g;
        Tensor x = Conv2D.nhwcInput(inputs, cin, "ConvTranspose", ctx);
        int n = x.dim(0), h = x.dim(2), w = x.dim(3);
        ConvArithmetic.Axis ah = axisH(h), aw = axisW(w);
        List<AxisPhase> ph = axisPhases(h, ah.out(), ah.padStart(), spec.strideH(), spec.dilationH(), kyByResidue);
        List<AxisPhase> pw = axisPhases(w, aw.out(), aw.padStart(), spec.strideW(), spec.dilationW(), kxByResidue);
        int[] padH = padsFor(ph, h), padW = padsFor(pw, w);
        List<ConvJob.Phase> phases = new ArrayList<>();
        for (AxisPhase a : ph) {
            for (AxisPhase b : pw) {
                int taps = a.offsets().length * b.offsets().length;
                int[] dy = new int[taps], dx = new int[taps];
                for (int i = 0; i < a.offsets().length; i++) {
                    for (int j = 0; j < b.offsets().length; j++) {
                        dy[i * b.offsets().length + j] = a.offsets()[i] + padH[0];
                        dx[i * b.offsets().length + j] = b.offsets()[j] + padW[0];
                    }
                }
                phases.add(new ConvJob.Phase(a.o0(), b.o0(), a.rows(), b.rows(), 1, 1, spec.strideH(), spec.strideW(),
                        dy, dx, filters[a.residue()][b.residue()]));
            }
        }
        // the phases cover every output pixel once (ConvJob's contract): a recycled buffer is safe
        float[] out = ctx.uninitialized(Math.multiplyExact(Math.multiplyExact(n * ah.out(), aw.out()), cout));
        ctx.kernels().convolve(Conv2D.job(x.data(), n, h, w, h + padH[0] + padH[1], w + padW[0] + padW[1], cin,
                padH[0], padW[0], out, ah.out(), aw.out(), cout, g, cin / g, coutG, bias, fused, phases), ctx.cancel());
        Conv2D.releaseInput(ctx, inputs[0], x);
        return new Tensor[] {Tensor.nhwc(n, cout, ah.out(), aw.out(), out)};
    }

    @Override
    public long macs(int[][] inputShapes) {
        int[] s = inputShapes[0];
        return (long) s[0] * s[2] * s[3] * cin * coutG * spec.kernelH() * spec.kernelW();
    }
}
