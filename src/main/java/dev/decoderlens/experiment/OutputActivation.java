package dev.decoderlens.experiment;

import dev.decoderlens.engine.op.Activation;

/** The activation of a decoder's last layer. The report used sigmoid, which saturates on raw 0..255 inputs. */
public enum OutputActivation {
    SIGMOID("sigmoid", Activation.SIGMOID, 0, 1),
    NONE("none", Activation.IDENTITY, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY),
    TANH("tanh", Activation.TANH, -1, 1);

    private final String label;
    private final Activation activation;
    private final float low;
    private final float high;

    OutputActivation(String label, Activation activation, float low, float high) {
        this.label = label;
        this.activation = activation;
        this.low = low;
        this.high = high;
    }

    public String label() {
        return label;
    }

    public Activation activation() {
        return activation;
    }

    /** Lower limit of the output (negative infinity when unbounded). */
    public float low() {
        return low;
    }

    public float high() {
        return high;
    }

    public boolean bounded() {
        return this != NONE;
    }
}
