package dev.decoderlens.engine.op;

import dev.decoderlens.engine.op.ResizeSpec.CoordMode;

/**
 * The sampling of one axis of a {@link Resize}: for each output index {@code taps} input indices (already clamped
 * to the image, which is ONNX's edge padding) and their weights.
 */
record ResizeAxis(int out, int taps, int[] index, float[] weight) {

    static ResizeAxis of(int in, int out, double scale, ResizeSpec spec) {
        int taps = switch (spec.mode()) {
            case NEAREST -> 1;
            case LINEAR -> 2;
            case CUBIC -> 4;
        };
        int[] index = new int[out * taps];
        float[] weight = new float[out * taps];
        for (int o = 0; o < out; o++) {
            double x = original(o, in, out, scale, spec.coord());
            int k = o * taps;
            switch (spec.mode()) {
                case NEAREST -> {
                    index[k] = clamp(nearest(x, spec.nearest()), in);
                    weight[k] = 1f;
                }
                case LINEAR -> {
                    double cx = Math.min(Math.max(x, 0), in - 1);
                    int x0 = (int) Math.floor(cx);
                    double f = cx - x0;
                    index[k] = x0;
                    index[k + 1] = Math.min(x0 + 1, in - 1);
                    weight[k] = (float) (1 - f);
                    weight[k + 1] = (float) f;
                }
                case CUBIC -> {
                    int x0 = (int) Math.floor(x);
                    double f = x - x0;
                    double a = spec.cubicCoeff();
                    for (int t = 0; t < 4; t++) {
                        index[k + t] = clamp(x0 - 1 + t, in);
                        weight[k + t] = (float) cubic(Math.abs(f - (t - 1)), a);
                    }
                }
            }
        }
        return new ResizeAxis(out, taps, index, weight);
    }

    /** The same sampling of an input that is a nearest upsampling by f of a smaller one: indices into that one. */
    ResizeAxis dividedBy(int f) {
        int[] small = index.clone();
        for (int k = 0; k < small.length; k++) {
            small[k] /= f;
        }
        return new ResizeAxis(out, taps, small, weight);
    }

    /** Where output index x lands in the input, by the ONNX coordinate transformation formulas. */
    static double original(int x, int in, int out, double scale, CoordMode coord) {
        return switch (coord) {
            case HALF_PIXEL -> (x + 0.5) / scale - 0.5;
            case PYTORCH_HALF_PIXEL -> out > 1 ? (x + 0.5) / scale - 0.5 : 0;
            case ALIGN_CORNERS -> out > 1 ? x * (double) (in - 1) / (out - 1) : 0;
            case ASYMMETRIC -> x / scale;
            case TF_HALF_PIXEL_FOR_NN -> (x + 0.5) / scale;
        };
    }

    static int nearest(double x, ResizeSpec.NearestMode mode) {
        return (int) switch (mode) {
            case ROUND_PREFER_FLOOR -> Math.ceil(x - 0.5);
            case ROUND_PREFER_CEIL -> Math.floor(x + 0.5);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
        };
    }

    /** Keys' cubic convolution kernel with coefficient a (ONNX default -0.75, as PyTorch bicubic). */
    static double cubic(double d, double a) {
        if (d <= 1) {
            return ((a + 2) * d - (a + 3)) * d * d + 1;
        }
        if (d < 2) {
            return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
        }
        return 0;
    }

    private static int clamp(int i, int in) {
        return Math.min(Math.max(i, 0), in - 1);
    }
}
