package dev.decoderlens.engine.op;

/**
 * An elementwise activation. Used on its own ({@link ActivationOp}) and fused into convolutions, where Keras layers
 * carry their activation. {@link #name()} is the ONNX operator name and the type shown to the user.
 *
 * <p>Transcendental functions use {@code StrictMath}, which is specified bit for bit, and the sigmoid uses
 * {@link SigmoidMath}, built from exactly rounded operations only, so a seed and an image give the same activations
 * on every machine and in every JIT state (saved sessions rely on it).
 */
public sealed interface Activation {
    String name();

    float apply(float x);

    /** Identity: no activation. */
    Activation IDENTITY = new Simple("Identity");
    Activation RELU = new Simple("Relu");
    Activation SIGMOID = new Simple("Sigmoid");
    Activation TANH = new Simple("Tanh");
    Activation SOFTPLUS = new Simple("Softplus");
    /** SELU with the constants of Klambauer et al. (as ONNX and PyTorch define them). */
    Activation SELU = selu(1.67326319217681884765625f, 1.05070102214813232421875f);

    static Activation leakyRelu(float alpha) {
        return new Param("LeakyRelu", alpha, 0);
    }

    static Activation elu(float alpha) {
        return new Param("Elu", alpha, 0);
    }

    static Activation selu(float alpha, float gamma) {
        return new Param("Selu", alpha, gamma);
    }

    static Activation clip(float min, float max) {
        return new Param("Clip", min, max);
    }

    static Activation hardSigmoid(float alpha, float beta) {
        return new Param("HardSigmoid", alpha, beta);
    }

    /** Parameter-free activations. */
    record Simple(String name) implements Activation {
        @Override
        public float apply(float x) {
            return switch (name) {
                case "Identity" -> x;
                case "Relu" -> x > 0 ? x : 0f;
                case "Sigmoid" -> sigmoid(x);
                case "Tanh" -> (float) StrictMath.tanh(x);
                case "Softplus" -> (float) (x > 20 ? x : StrictMath.log1p(StrictMath.exp(x)));
                default -> throw new IllegalStateException(name);
            };
        }
    }

    /** Activations with up to two parameters (a, b). */
    record Param(String name, float a, float b) implements Activation {
        @Override
        public float apply(float x) {
            return switch (name) {
                case "LeakyRelu" -> x >= 0 ? x : a * x;
                case "Elu" -> x > 0 ? x : (float) (a * StrictMath.expm1(x));
                case "Selu" -> x > 0 ? b * x : (float) (b * a * StrictMath.expm1(x));
                case "Clip" -> Math.min(Math.max(x, a), b);
                case "HardSigmoid" -> Math.max(0f, Math.min(1f, a * x + b));
                default -> throw new IllegalStateException(name);
            };
        }
    }

    /** 1 / (1 + e^-x): see {@link SigmoidMath}, which the vector kernels reproduce bit for bit. */
    static float sigmoid(float x) {
        return SigmoidMath.sigmoid(x);
    }

    /** Applies this activation in place over a range. The switch is hoisted out of the loop for the common ones. */
    default void applyInPlace(float[] v, int from, int to) {
        if (this == IDENTITY) {
            return;
        }
        if (this == RELU) {
            for (int i = from; i < to; i++) {
                v[i] = v[i] > 0 ? v[i] : 0f;
            }
            return;
        }
        if (this == SIGMOID) {
            for (int i = from; i < to; i++) {
                v[i] = SigmoidMath.sigmoid(v[i]);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            v[i] = apply(v[i]);
        }
    }
}
