package dev.decoderlens.engine.op;

/**
 * 2-D average pooling (ONNX AveragePool, Keras AveragePooling2D). With {@code countIncludePad} the divisor counts
 * the padded taps too (but not taps beyond the padding that ceil mode adds), as PyTorch does; without it only
 * the in-image taps (Keras, ONNX default).
 */
public final class AvgPool2D extends WindowPool {
    private final boolean countIncludePad;

    public AvgPool2D(PoolSpec spec, boolean countIncludePad) {
        super(spec);
        this.countIncludePad = countIncludePad;
    }

    @Override
    public String type() {
        return "AveragePool";
    }

    @Override
    void reduce(float[] x, int[] rowBase, int rows, int[] colOff, int cols, float[] y, int yo, int c, int tapsWithPad,
                dev.decoderlens.engine.kernel.Kernels kernels) {
        java.util.Arrays.fill(y, yo, yo + c, 0f); // y may be a recycled buffer
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int xo = rowBase[i] + colOff[j];
                for (int ch = 0; ch < c; ch++) {
                    y[yo + ch] += x[xo + ch];
                }
            }
        }
        float divisor = countIncludePad ? tapsWithPad : rows * cols;
        for (int ch = 0; ch < c; ch++) {
            y[yo + ch] /= divisor;
        }
    }
}
