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
        java.util.Arrays.fill(y, yo, yo + c, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int xo = rowBase[i] + colOff[j];
                for (int ch = 0; ch < c; ch++) {
                    float v = x[xo + ch];
                    // Written so that a NaN input propagates, as in PyTorch.
                    if (!(v <= y[yo + ch])) {
                        y[yo + ch] = v;
                    }
                }
            }
        }
    }
}
