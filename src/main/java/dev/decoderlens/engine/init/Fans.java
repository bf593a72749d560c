package dev.decoderlens.engine.init;

import dev.decoderlens.engine.Shapes;

/**
 * Keras's fan rules, on the engine's (out, in, receptive field...) weight order: rank 0 has fans 1; rank 1 (a
 * bias) has fan_in = fan_out = its length; rank 2 (out, in) has fan_in = in, fan_out = out; higher ranks multiply
 * both by the receptive field (kH kW). Keras's own kernels are (kH, kW, in, out): the same numbers.
 */
public record Fans(double fanIn, double fanOut) {

    public static Fans of(int[] shape) {
        return switch (shape.length) {
            case 0 -> new Fans(1, 1);
            case 1 -> new Fans(shape[0], shape[0]);
            default -> {
                double receptive = 1;
                for (int i = 2; i < shape.length; i++) {
                    receptive *= shape[i];
                }
                yield new Fans(shape[1] * receptive, shape[0] * receptive);
            }
        };
    }

    public double average() {
        return (fanIn + fanOut) / 2;
    }

    static int count(int[] shape) {
        return Math.toIntExact(Shapes.size(shape));
    }
}
