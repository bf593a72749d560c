package dev.decoderlens.experiment;

/**
 * Padding of a transposed convolution: Keras {@code same} (output = stride x input, odd pixel cut at the
 * bottom/right), Keras {@code valid} (no cut: output = s(i-1) + k), or an explicit symmetric pad p as in PyTorch.
 */
public enum PaddingMode {
    SAME("same"),
    VALID("valid"),
    EXPLICIT("explicit");

    private final String label;

    PaddingMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
