package dev.decoderlens.importer.keras;

/**
 * Where a Keras transposed convolution puts its output, as explicit engine pads.
 *
 * <p>Keras first decides the output length (its {@code deconv_output_length}, or the {@code output_shape} a Keras 1
 * Deconvolution2D was given), then asks TensorFlow's {@code conv2d_transpose} for that length. TensorFlow computes the
 * transposed convolution as the gradient of a convolution over an input of that length, padded the TensorFlow way:
 * {@code same} pads {@code max((in - 1) s + k - out, 0)} in total with the smaller half first, {@code valid} pads
 * nothing before. So the full scatter result (length {@code (in - 1) s + k}) is cropped by {@code padBegin} at the
 * start and cut or zero-extended at the end to {@code out}. Note this differs from PyTorch: with {@code same},
 * stride 2, kernel 3 and output_padding 1, Keras crops 0 at the top and 1 at the bottom, PyTorch 1 and 1.
 *
 * @param padBegin  engine pad at the top/left
 * @param padEnd    engine pad at the bottom/right
 * @param outputPad engine output padding (zeros appended beyond the full scatter result)
 * @param length    the output length (-1 when the input length is unknown)
 */
record DeconvGeometry(int padBegin, int padEnd, int outputPad, int length) {

    /**
     * @param in            input length, -1 when unknown
     * @param kernel        kernel size before dilation
     * @param stride        stride
     * @param dilation      dilation
     * @param same          true for padding "same", false for "valid"
     * @param outputPadding Keras output_padding, or -1 when the layer has none (null)
     * @param explicitOut   the output length fixed by the layer (Keras 1 output_shape), or -1
     */
    static DeconvGeometry of(int in, int kernel, int stride, int dilation, boolean same, int outputPadding, int explicitOut) {
        int k = (kernel - 1) * dilation + 1;
        if (explicitOut >= 0 && (in < 1 || !tensorFlowAccepts(in, k, stride, same, explicitOut))) {
            // An output_shape no convolution maps back to the input (TF would refuse it): take the natural size, as
            // the "original report" preset does (128x128, 2x2 kernel, no subsample: 129x129, not output_shape's 256).
            // With a free input size the natural size is the only rule that holds for every input.
            explicitOut = -1;
        }
        // With the length given by the rule, (in - 1) s + k - out does not depend on in: compute it for in = 1.
        int probe = in >= 1 ? in : 1;
        int out = explicitOut >= 0 ? explicitOut : outputLength(probe, k, stride, same, outputPadding);
        int total = (probe - 1) * stride + k - out;
        int begin = same ? Math.max(total, 0) / 2 : 0;
        int end = total - begin;
        int extra = 0;
        if (end < 0) {
            extra = -end;
            end = 0;
        }
        int length = in >= 1 ? out : -1;
        return new DeconvGeometry(begin, end, extra, length);
    }

    /** True when a TF convolution over {@code out} values gives {@code in}: the gradient TF computes exists. */
    static boolean tensorFlowAccepts(int in, int k, int stride, boolean same, int out) {
        int back = same ? (out + stride - 1) / stride : out >= k ? (out - k) / stride + 1 : 0;
        return back == in;
    }

    /** Keras {@code conv_utils.deconv_output_length} for "same" and "valid"; {@code k} is already dilated. */
    static int outputLength(int in, int k, int stride, boolean same, int outputPadding) {
        if (outputPadding < 0) {
            return same ? in * stride : in * stride + Math.max(k - stride, 0);
        }
        int pad = same ? k / 2 : 0;
        return (in - 1) * stride + k - 2 * pad + outputPadding;
    }
}
