package dev.decoderlens.experiment;

import java.util.List;

/**
 * One decoder path over the shared encoder. Every variant is a list of stages that each upsample (or, for
 * {@link AsInReport}, try to) and end with ReLU, followed by one output convolution to the input's channel count
 * with the path's {@link OutputActivation}.
 */
public sealed interface DecoderPathSpec {

    /** Short title for lists: "resize-convolution", "transposed convolution", ... */
    String kind();

    /** Channels after each stage; its size is the number of stages. */
    List<Integer> stageChannels();

    /** A one-line description with the numbers: "transposed conv k3 s2 same, 2 stages (128, 64)". */
    String describe();

    default int stages() {
        return stageChannels().size();
    }

    /** The same path with other stage channels (and so possibly another number of stages). */
    DecoderPathSpec withStageChannels(List<Integer> channels);

    /**
     * The same path with {@code n} stages: extra stages halve the last stage's channels (at least 1; a resize-only
     * stage stays resize-only), fewer stages drop the last ones.
     */
    default DecoderPathSpec withStages(int n) {
        return withStageChannels(Specs.resized(stageChannels(), n));
    }

    /**
     * Resize (nearest or bilinear, x scale) then, per stage, Conv(kernel, same)+ReLU to the stage's channels; a
     * stage with 0 channels only resizes (as in the report's UpSampling2D path). The output conv uses
     * {@code kernel} too ('same'), as the report's Conv3x3(256 -> 3).
     */
    record ResizeConv(ResizeMode mode, int scale, int kernel, List<Integer> stageChannels) implements DecoderPathSpec {
        public ResizeConv {
            stageChannels = Specs.channels(stageChannels, true);
            Specs.positive("scale", scale);
            Specs.positive("kernel", kernel);
        }

        /** The report's UpSampling2D path: nearest x2, nearest x2, Conv3x3(256 -> 3). */
        public static ResizeConv report() {
            return new ResizeConv(ResizeMode.NEAREST, 2, 3, List.of(0, 0));
        }

        @Override
        public ResizeConv withStageChannels(List<Integer> c) {
            return new ResizeConv(mode, scale, kernel, c);
        }

        @Override
        public String kind() {
            return "resize-convolution";
        }

        @Override
        public String describe() {
            return mode.label() + " resize x" + scale + " + conv " + kernel + "x" + kernel + ", " + Specs.stagesText(stageChannels);
        }
    }

    /**
     * ConvTranspose(kernel, stride, padding, output padding)+ReLU per stage, then Conv1x1 to the output.
     *
     * @param explicitPad the symmetric pad p when {@code padding} is {@link PaddingMode#EXPLICIT}; ignored otherwise
     */
    record TransposedConv(int kernel, int stride, PaddingMode padding, int explicitPad, int outputPadding,
                          List<Integer> stageChannels) implements DecoderPathSpec {
        public TransposedConv {
            stageChannels = Specs.channels(stageChannels, false);
            Specs.positive("kernel", kernel);
            Specs.positive("stride", stride);
            if (padding == null) {
                padding = PaddingMode.VALID;
            }
            if (explicitPad < 0 || outputPadding < 0) {
                throw new IllegalArgumentException("padding and output padding must be >= 0");
            }
            if (outputPadding >= stride) {
                throw new IllegalArgumentException("output padding " + outputPadding + " must be smaller than the stride " + stride);
            }
        }

        /** The report's decoder with fixed strides: ConvTranspose(k2, s2) 128, 64, then Conv1x1. */
        public static TransposedConv report() {
            return new TransposedConv(2, 2, PaddingMode.VALID, 0, 0, List.of(128, 64));
        }

        @Override
        public TransposedConv withStageChannels(List<Integer> c) {
            return new TransposedConv(kernel, stride, padding, explicitPad, outputPadding, c);
        }

        @Override
        public String kind() {
            return "transposed convolution";
        }

        @Override
        public String describe() {
            String pad = padding == PaddingMode.EXPLICIT ? "p" + explicitPad : padding.label();
            return "transposed conv k" + kernel + " s" + stride + " " + pad + (outputPadding > 0 ? " a" + outputPadding : "")
                    + ", " + Specs.stagesText(stageChannels);
        }
    }

    /** Conv(kernel, same)+ReLU to channels x scale^2, then DepthToSpace (CRD = PixelShuffle, or DCR), per stage. */
    record SubPixel(int kernel, int scale, boolean crd, List<Integer> stageChannels) implements DecoderPathSpec {
        public SubPixel {
            stageChannels = Specs.channels(stageChannels, false);
            Specs.positive("kernel", kernel);
            Specs.positive("scale", scale);
        }

        @Override
        public SubPixel withStageChannels(List<Integer> c) {
            return new SubPixel(kernel, scale, crd, c);
        }

        @Override
        public String kind() {
            return "sub-pixel convolution";
        }

        @Override
        public String describe() {
            return "conv " + kernel + "x" + kernel + " + " + (crd ? "PixelShuffle" : "DepthToSpace DCR") + " x" + scale
                    + ", " + Specs.stagesText(stageChannels);
        }
    }

    /**
     * The report's deconvolution path as Keras 1 ran it: Deconvolution2D(kernel, border_mode valid) without
     * {@code subsample}, so stride 1. Keras 1 did not use {@code output_shape} to compute the output, so each
     * stage adds kernel - 1 pixels instead of doubling: 128 -> 129 -> 130 with kernel 2.
     */
    record AsInReport(int kernel, List<Integer> stageChannels) implements DecoderPathSpec {
        public AsInReport {
            stageChannels = Specs.channels(stageChannels, false);
            Specs.positive("kernel", kernel);
        }

        public static AsInReport report() {
            return new AsInReport(2, List.of(128, 64));
        }

        /** The same layers as a {@link TransposedConv} with stride 1, valid padding. */
        public TransposedConv asTransposed() {
            return new TransposedConv(kernel, 1, PaddingMode.VALID, 0, 0, stageChannels);
        }

        @Override
        public AsInReport withStageChannels(List<Integer> c) {
            return new AsInReport(kernel, c);
        }

        @Override
        public String kind() {
            return "as in the report";
        }

        @Override
        public String describe() {
            return "Keras 1 Deconvolution2D k" + kernel + " without subsample (stride 1), " + Specs.stagesText(stageChannels);
        }
    }
}
