package dev.decoderlens.importer.keras;

import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/** One saved weight array: its name in the file (for messages), its shape and its values in C order. */
record WeightArray(String name, int[] shape, float[] data) {

    int rank() {
        return shape.length;
    }

    Tensor tensor() {
        return Tensor.of(shape, data);
    }

    /** The array with its axes permuted: axis i of the result is axis {@code perm[i]} of this one. */
    WeightArray permuted(int... perm) {
        int r = shape.length;
        int[] outShape = new int[r];
        for (int i = 0; i < r; i++) {
            outShape[i] = shape[perm[i]];
        }
        int[] inStride = new int[r];
        for (int i = r - 1, s = 1; i >= 0; i--) {
            inStride[i] = s;
            s *= shape[i];
        }
        float[] out = new float[data.length];
        int[] idx = new int[r];
        for (int o = 0; o < out.length; o++) {
            int src = 0;
            for (int i = 0; i < r; i++) {
                src += idx[i] * inStride[perm[i]];
            }
            out[o] = data[src];
            for (int i = r - 1; i >= 0 && ++idx[i] == outShape[i]; i--) {
                idx[i] = 0;
            }
        }
        return new WeightArray(name, outShape, out);
    }

    /**
     * A (O, I, kH, kW) kernel rotated by 180 degrees in its two spatial axes: Theano computed true convolutions,
     * so kernels trained with the Theano backend must be flipped to be used as cross-correlations.
     */
    WeightArray flippedSpatially() {
        int o = shape[0] * shape[1], h = shape[2], w = shape[3];
        float[] out = new float[data.length];
        for (int p = 0; p < o; p++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[(p * h + y) * w + x] = data[(p * h + (h - 1 - y)) * w + (w - 1 - x)];
                }
            }
        }
        return new WeightArray(name, shape, out);
    }

    @Override
    public String toString() {
        return name + Shapes.toString(shape);
    }
}
