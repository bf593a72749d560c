package dev.decoderlens.experiment;

/**
 * How a path's weights are drawn. Biases always start at zero, as Keras does. The kernel-shaped initialisers
 * (bilinear, ICNR) apply to the layers they were designed for; the path's other layers use glorot_uniform.
 */
public enum Initialiser {
    GLOROT_UNIFORM("glorot_uniform", "Keras default: uniform in ±sqrt(6 / (fan_in + fan_out))"),
    HE_NORMAL("he_normal", "truncated normal with std sqrt(2 / fan_in)"),
    /** The bilinear interpolation kernel of FCN (Long et al.), for transposed convolutions. */
    BILINEAR("bilinear kernel", "transposed convolutions start as bilinear upsampling: no checkerboard at the start"),
    /** ICNR (Aitken et al. 2017): sub-pixel convolutions start as nearest-neighbour upsampling. */
    ICNR("ICNR", "sub-pixel convolutions start as nearest-neighbour upsampling: no checkerboard at the start"),
    CONSTANT("constant", "every weight the same value");

    private final String label;
    private final String explanation;

    Initialiser(String label, String explanation) {
        this.label = label;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public String explanation() {
        return explanation;
    }
}
