package dev.decoderlens.engine.op;

import dev.decoderlens.engine.kernel.Kernels;

/** 2-D max pooling (ONNX MaxPool, Keras MaxPooling2D). Padding never wins: only in-image taps are compared. */
public final class MaxPool2D extends WindowPool {

    public MaxPool2D(PoolSpec spec) {
        super(spec);
    }

    @Override
    public String type() {
        return "MaxPool";
    }

    @Override
    void reduce(float[] x, int[] rowBase, int rows, int[] colOff, int cols, float[] y, int yo, int c, int tapsWithPad,
                Kernels kernels) {
        if (rows == 0 || cols == 0) {
            java.util.Arrays.fill(y, yo, yo + c, Float.NEGATIVE_INFINITY);
            return;
        }
        // The first tap is copied, the others folded in with Math.max over the channel vector: branch-free, so
        // random data costs no mispredictions. Math.max lets a NaN in any tap win, as PyTorch does.
        System.arraycopy(x, rowBase[0] + colOff[0], y, yo, c);
        for (int i = 0; i < rows; i++) {
            for (int j = i == 0 ? 1 : 0; j < cols; j++) {
                kernels.maxInto(x, rowBase[i] + colOff[j], y, yo, c);
            }
        }
    }
}
