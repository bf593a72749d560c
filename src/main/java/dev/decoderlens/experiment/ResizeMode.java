package dev.decoderlens.experiment;

/** Keras UpSampling2D interpolation: nearest repeats pixels; bilinear uses half-pixel centres. */
public enum ResizeMode {
    NEAREST("nearest"),
    BILINEAR("bilinear");

    private final String label;

    ResizeMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
