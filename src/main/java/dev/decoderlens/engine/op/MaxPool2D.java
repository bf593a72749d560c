package dev.decoderlens.engine.op;

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
    void reduce(float[] x, int[] rowBase, int rows, int[] colOff, int cols, float[] y, int yo, int c, int tapsWithPad) {
        if (rows == 0 || cols == 0) {
            java.util.Arrays.fill(y, yo, yo + c, Float.NEGATIVE_INFINITY);
            return;
        }
        // The first tap is copied, the others folded in with Math.max: branch-free, so random data costs no
        // mispredictions, and C2 turns the contiguous channel loop into vector max instructions. Math.max lets a
        // NaN in any tap win, as PyTorch does.
        System.arraycopy(x, rowBase[0] + colOff[0], y, yo, c);
        for (int i = 0; i < rows; i++) {
            for (int j = i == 0 ? 1 : 0; j < cols; j++) {
                int xo = rowBase[i] + colOff[j];
                for (int ch = 0; ch < c; ch++) {
                    y[yo + ch] = Math.max(y[yo + ch], x[xo + ch]);
                }
            }
        }
    }
}
