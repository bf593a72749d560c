package dev.decoderlens.io;

/**
 * How 8-bit pixel values become network inputs. The original report fed raw 0..255 values into a network whose
 * weights were drawn for inputs of about unit size, which is why its sigmoid output saturated.
 */
public enum InputScaling {
    /** v (0..255), as in the original report. */
    RAW_0_255("raw 0..255"),
    /** v / 255. */
    UNIT_0_1("0..1"),
    /** v / 127.5 - 1. */
    SYMMETRIC_MINUS1_1("-1..1"),
    /** (v / 255 - mean[c]) / std[c] with the ImageNet channel statistics torchvision uses. */
    IMAGENET("ImageNet mean/std");

    // torchvision's ImageNet statistics (R, G, B). For a grey input the means of the three are used.
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    private static final float GREY_MEAN = (MEAN[0] + MEAN[1] + MEAN[2]) / 3f;
    private static final float GREY_STD = (STD[0] + STD[1] + STD[2]) / 3f;

    private final String label;

    InputScaling(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The network input for an 8-bit value {@code v} (0..255, may be fractional for grey) of channel {@code c}
     * ({@code c = -1} for a single grey channel).
     */
    public float apply(float v, int c) {
        return switch (this) {
            case RAW_0_255 -> v;
            case UNIT_0_1 -> v / 255f;
            case SYMMETRIC_MINUS1_1 -> v / 127.5f - 1f;
            case IMAGENET -> c < 0 ? (v / 255f - GREY_MEAN) / GREY_STD : (v / 255f - MEAN[c]) / STD[c];
        };
    }

    /** The range of input values this scaling produces (over all channels), for texts such as "the input is raw 0..255". */
    public float[] range(boolean grey) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int c = grey ? -1 : 0; c < (grey ? 0 : 3); c++) {
            lo = Math.min(lo, apply(0, c));
            hi = Math.max(hi, apply(255, c));
        }
        return new float[] {lo, hi};
    }
}
