package dev.decoderlens.engine.op;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.kernel.Kernels;
import dev.decoderlens.engine.kernel.Parallel;

/**
 * The shared walk of a 2-D pool over NHWC storage: for every output pixel, the in-image taps of its window.
 * Subclasses reduce the taps' channel vectors (max or mean). Output NHWC.
 */
abstract sealed class WindowPool implements Op permits MaxPool2D, AvgPool2D {
    protected final PoolSpec spec;

    WindowPool(PoolSpec spec) {
        if (spec == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a PoolSpec");
        }
        this.spec = spec;
    }

    public PoolSpec spec() {
        return spec;
    }

    /**
     * Reduces the taps of one output pixel into {@code y[yo .. yo+c)}, writing all of it ({@code y} may be a recycled
     * buffer with old values). Tap (i, j) of the window is at input
     * offset {@code rowBase[i] + colOff[j]}, each the start of a C-long channel vector.
     */
    abstract void reduce(float[] x, int[] rowBase, int rows, int[] colOff, int cols, float[] y, int yo, int c,
                         int tapsWithPad, Kernels kernels);

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        Tensor in = OpInputs.requireRank(OpInputs.require(inputs, 0, type()), 4, type()).toNhwc();
        int n = in.dim(0), c = in.dim(1), h = in.dim(2), w = in.dim(3);
        PoolAxis ay = spec.axisH(h, type()), ax = spec.axisW(w, type());
        int oh = ay.out(), ow = ax.out();
        float[] x = in.data();
        float[] y = ctx.uninitialized(n * oh * ow * c);
        // One task per output row (batch item b, row oy), spread over the kernel threads.
        Parallel.forEach(n * oh, task -> {
            ctx.checkCancelled();
            int b = task / oh, oy = task % oh;
            int[] rowBase = new int[spec.kernelH()];
            int[] colOff = new int[spec.kernelW()];
            int rows = ay.count()[oy];
            for (int i = 0; i < rows; i++) {
                rowBase[i] = (b * h + ay.positions()[ay.first()[oy] + i]) * w * c;
            }
            for (int ox = 0; ox < ow; ox++) {
                int cols = ax.count()[ox];
                for (int j = 0; j < cols; j++) {
                    colOff[j] = ax.positions()[ax.first()[ox] + j] * c;
                }
                int yo = ((b * oh + oy) * ow + ox) * c;
                reduce(x, rowBase, rows, colOff, cols, y, yo, c, ay.withPad()[oy] * ax.withPad()[ox], ctx.kernels());
            }
        });
        return new Tensor[] {Tensor.nhwc(n, c, oh, ow, y)};
    }

    /** One comparison or addition per tap and output value. */
    @Override
    public long macs(int[][] inputShapes) {
        int[] s = inputShapes[0];
        if (s.length != 4) {
            return 0;
        }
        PoolAxis ay = spec.axisH(s[2], type()), ax = spec.axisW(s[3], type());
        return (long) s[0] * s[1] * ay.out() * ax.out() * spec.kernelH() * spec.kernelW();
    }
}
