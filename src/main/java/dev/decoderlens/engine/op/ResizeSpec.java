package dev.decoderlens.engine.op;

import java.util.Locale;

/**
 * What a 2-D {@link Resize} does, in ONNX terms. Either scales ({@code outH = outW = -1}; output size
 * floor(in * scale)) or sizes (scales then are out / in) are given.
 *
 * <p>Framework equivalents: Keras UpSampling2D nearest = ASYMMETRIC + FLOOR, bilinear = HALF_PIXEL + LINEAR;
 * PyTorch interpolate nearest = ASYMMETRIC + FLOOR, bilinear align_corners=False = PYTORCH_HALF_PIXEL,
 * align_corners=True = ALIGN_CORNERS.
 */
public record ResizeSpec(Mode mode, CoordMode coord, NearestMode nearest, float scaleH, float scaleW, int outH,
                         int outW, float cubicCoeff) {

    public enum Mode {
        NEAREST, LINEAR, CUBIC
    }

    /** ONNX {@code coordinate_transformation_mode}: where output pixel x lands in the input. */
    public enum CoordMode {
        HALF_PIXEL, PYTORCH_HALF_PIXEL, ALIGN_CORNERS, ASYMMETRIC, TF_HALF_PIXEL_FOR_NN
    }

    /** ONNX {@code nearest_mode}: how a fractional input position becomes a pixel index. */
    public enum NearestMode {
        ROUND_PREFER_FLOOR, ROUND_PREFER_CEIL, FLOOR, CEIL
    }

    public ResizeSpec {
        if (mode == null || coord == null) {
            throw new IllegalArgumentException("Resize needs a mode and a coordinate transformation mode");
        }
        if (nearest == null) {
            nearest = NearestMode.ROUND_PREFER_FLOOR;
        }
        boolean bySize = outH > 0 && outW > 0;
        if (!bySize && (outH != -1 || outW != -1)) {
            throw new IllegalArgumentException("Resize output size must be positive (or -1 to use scales), got "
                    + outH + "x" + outW);
        }
        if (!bySize && !(scaleH > 0 && scaleW > 0)) {
            throw new IllegalArgumentException("Resize scales must be positive, got " + scaleH + "x" + scaleW);
        }
    }

    /** By scale factors (ONNX {@code scales}, Keras {@code size}, PyTorch {@code scale_factor}). */
    public static ResizeSpec scales(Mode mode, CoordMode coord, NearestMode nearest, float scaleH, float scaleW) {
        return new ResizeSpec(mode, coord, nearest, scaleH, scaleW, -1, -1, -0.75f);
    }

    /** To a fixed output size (ONNX {@code sizes}, PyTorch {@code size}). */
    public static ResizeSpec sizes(Mode mode, CoordMode coord, NearestMode nearest, int outH, int outW) {
        return new ResizeSpec(mode, coord, nearest, 0f, 0f, outH, outW, -0.75f);
    }

    /** Keras UpSampling2D(size, interpolation="nearest"). */
    public static ResizeSpec kerasNearest(int factorH, int factorW) {
        return scales(Mode.NEAREST, CoordMode.ASYMMETRIC, NearestMode.FLOOR, factorH, factorW);
    }

    /** Keras UpSampling2D(size, interpolation="bilinear"), which is tf.image.resize: half-pixel centres. */
    public static ResizeSpec kerasBilinear(int factorH, int factorW) {
        return scales(Mode.LINEAR, CoordMode.HALF_PIXEL, NearestMode.FLOOR, factorH, factorW);
    }

    public ResizeSpec withCubicCoeff(float a) {
        return new ResizeSpec(mode, coord, nearest, scaleH, scaleW, outH, outW, a);
    }

    public boolean bySize() {
        return outH > 0;
    }

    /** An ONNX attribute value such as "half_pixel" or "round_prefer_ceil" as an enum constant. */
    public static <E extends Enum<E>> E parse(Class<E> type, String onnxValue) {
        String name = onnxValue.trim().toUpperCase(Locale.ROOT);
        if (name.equals("BILINEAR")) {
            name = "LINEAR";
        } else if (name.equals("BICUBIC")) {
            name = "CUBIC";
        }
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Resize does not support " + type.getSimpleName() + " '" + onnxValue + "'");
        }
    }
}
