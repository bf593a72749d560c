package dev.decoderlens.engine.kernel;

import dev.decoderlens.engine.op.Activation;
import java.util.List;

/**
 * One convolution for the kernels, already reduced to tap lists over a zero-padded NHWC input:
 *
 * <pre>
 * for every phase, row t &lt; rows, column u &lt; cols, group g, co &lt; coutG:
 *   out[n, oy0 + t*stepH, ox0 + u*stepW, g*coutG + co] = act(bias[g*coutG + co]
 *       + sum over tap, ci of in[n, t*strideH + dy[tap], u*strideW + dx[tap], g*cinG + ci] * w[g][tap][ci][co])
 * </pre>
 *
 * A convolution is one phase (step 1, its stride, taps at ky*dH, kx*dW). A transposed convolution of stride s is
 * s*s phases of stride-1 convolutions, each writing every s-th output pixel (stride-phase decomposition), so no
 * zero is ever multiplied. Every output pixel belongs to exactly one phase.
 *
 * <p>A phase's filter may fold taps: the kW horizontally adjacent taps of one kernel row read kW neighbouring pixels,
 * whose channels lie one after another in NHWC, so they are one tap of kW*cinG "channels" (the filter's
 * {@code cinG} then exceeds the job's; the kernels loop over the filter's). Same weights, a third of the tap loops
 * for a 3x3 kernel, and a first layer with 3 input channels gets inner loops of 9 instead of 3.
 *
 * @param in     input (batch, inH, inW, inC), already padded so that every index above is inside it; null when
 *               {@code source} gives the unpadded input instead
 * @param out    output storage (batch, outH, outW, outC), NHWC
 * @param bias   one value per output channel (zeros when the model has none)
 * @param source the unpadded input and its padding, or null: the kernels then pad each band of rows into a small
 *               per-thread window (see {@link BandWindows}) instead of the caller copying the whole input once
 */
public record ConvJob(float[] in, int batch, int inH, int inW, int inC,
                      float[] out, int outH, int outW, int outC,
                      int groups, int cinG, int coutG, float[] bias, Activation act, List<Phase> phases,
                      Source source) {

    /** An input stored unpadded: (batch, h, w, inC), placed at (top, left) of the job's (inH, inW) padded frame. */
    public record Source(float[] data, int h, int w, int top, int left) {
    }

    /** A job on an input that is already padded. */
    public ConvJob(float[] in, int batch, int inH, int inW, int inC, float[] out, int outH, int outW, int outC,
                   int groups, int cinG, int coutG, float[] bias, Activation act, List<Phase> phases) {
        this(in, batch, inH, inW, inC, out, outH, outW, outC, groups, cinG, coutG, bias, act, phases, null);
    }

    public ConvJob {
        if (inC != groups * cinG || outC != groups * coutG) {
            throw new IllegalArgumentException("channel counts do not match the groups");
        }
        if ((in == null) == (source == null)) {
            throw new IllegalArgumentException("give either the padded input or its source");
        }
        if (source != null && (source.data().length != (long) batch * source.h() * source.w() * inC
                || source.top() < 0 || source.left() < 0 || source.h() + source.top() > inH || source.w() + source.left() > inW)) {
            throw new IllegalArgumentException("source size does not match the geometry");
        }
        // an input may be longer than its geometry (a reused window buffer); the output must fit exactly
        if ((in != null && in.length < (long) batch * inH * inW * inC) || out.length != (long) batch * outH * outW * outC) {
            throw new IllegalArgumentException("buffer sizes do not match the geometry");
        }
        if (bias.length != outC) {
            throw new IllegalArgumentException("bias needs " + outC + " values");
        }
        phases = List.copyOf(phases);
    }

    /**
     * One regular sub-convolution: output pixels {@code (oy0 + t*stepH, ox0 + u*stepW)}, reading the padded input at
     * {@code (t*strideH + dy[tap], u*strideW + dx[tap])}.
     */
    public record Phase(int oy0, int ox0, int rows, int cols, int strideH, int strideW, int stepH, int stepW,
                        int[] dy, int[] dx, FilterTaps filter) {
        public Phase {
            if (dy.length != dx.length || dy.length != filter.taps()) {
                throw new IllegalArgumentException("tap offsets do not match the filter");
            }
        }

        public int taps() {
            return dy.length;
        }
    }

    /** Rows over all phases and batch items: the unit of parallel work. */
    int rowTasks() {
        int r = 0;
        for (Phase p : phases) {
            r += p.rows();
        }
        return r * batch;
    }

    /** Storage offset of output pixel (n, y, x), channel 0. */
    int outOffset(int n, int y, int x) {
        return ((n * outH + y) * outW + x) * outC;
    }

    /** Storage offset of padded input pixel (n, y, x), channel 0. */
    int inOffset(int n, int y, int x) {
        return ((n * inH + y) * inW + x) * inC;
    }
}
