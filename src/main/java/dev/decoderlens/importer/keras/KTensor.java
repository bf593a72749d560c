package dev.decoderlens.importer.keras;

import java.util.Arrays;

/**
 * A Keras tensor during import: the engine tensor that holds it, its Keras shape without the batch axis (-1 where
 * unknown) and how the two relate. Engine graphs are logical NCHW, so a channels-last image tensor of Keras shape
 * (H, W, C) is held as an engine (N, C, H, W) tensor: {@code image} is true. Every other tensor (channels-first
 * images, vectors, reshaped data) is held exactly in its Keras shape: engine shape = (N, keras shape...).
 */
record KTensor(String engine, int[] shape, boolean image) {

    int rank() {
        return shape.length;
    }

    int dim(int i) {
        return shape[i < 0 ? i + shape.length : i];
    }

    /** The engine axis holding Keras axis {@code axis} (counting the batch axis as 0; negative counts from the end). */
    int engineAxis(int axis) {
        int a = axis < 0 ? axis + shape.length + 1 : axis;
        if (!image || a == 0) {
            return a;
        }
        return a == 3 ? 1 : a + 1;
    }

    /** The engine's logical shape, batch given as -1. */
    int[] engineShape() {
        int[] s = new int[shape.length + 1];
        s[0] = -1;
        if (image) {
            s[1] = shape[2];
            s[2] = shape[0];
            s[3] = shape[1];
        } else {
            System.arraycopy(shape, 0, s, 1, shape.length);
        }
        return s;
    }

    @Override
    public String toString() {
        return engine + Arrays.toString(shape) + (image ? " (channels last)" : "");
    }
}
