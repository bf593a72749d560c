package dev.decoderlens.engine.init;

import dev.decoderlens.engine.Tensor;

/** Keras Zeros, Ones and Constant(value): every weight the same; the seed is not used. */
public record Constant(float value) implements Initializer {

    @Override
    public String name() {
        return value == 0f ? "zeros" : value == 1f ? "ones" : "constant";
    }

    @Override
    public Tensor create(int[] shape, long seed) {
        float[] w = new float[Fans.count(shape)];
        java.util.Arrays.fill(w, value);
        return Tensor.of(shape, w);
    }
}
