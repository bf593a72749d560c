package dev.decoderlens.importer.keras;

import dev.decoderlens.importer.ImportException;
import java.util.List;

/** From a Keras layer class to the code that maps it onto engine operators. Anything else is refused by name. */
final class LayerTable {
    private LayerTable() {
    }

    /** Layers that do nothing at inference time: their output is their input. */
    private static final List<String> IDENTITY = List.of("Dropout", "SpatialDropout2D", "GaussianNoise", "Identity",
            "GaussianDropout", "AlphaDropout", "ActivityRegularization");

    static KTensor map(GraphBuilder g, LayerConfig lc, List<KTensor> in, String name) throws ImportException {
        String cls = lc.className();
        if (IDENTITY.contains(cls)) {
            return one(lc, in);
        }
        return switch (cls) {
            case "Conv2D", "Convolution2D" -> ConvLayers.conv(g, lc, one(lc, in), name);
            case "Conv1D", "Convolution1D" -> Conv1DLayer.map(g, lc, one(lc, in), name);
            case "Conv2DTranspose", "Deconvolution2D", "Deconv2D" -> ConvLayers.transposed(g, lc, one(lc, in), name);
            case "SeparableConv2D", "SeparableConvolution2D" -> ConvLayers.separable(g, lc, one(lc, in), name);
            case "DepthwiseConv2D" -> ConvLayers.depthwise(g, lc, one(lc, in), name);
            case "MaxPooling2D", "MaxPool2D" -> SpatialLayers.pool(g, lc, one(lc, in), name, true);
            case "AveragePooling2D", "AvgPool2D" -> SpatialLayers.pool(g, lc, one(lc, in), name, false);
            case "GlobalAveragePooling2D", "GlobalAvgPool2D" -> SpatialLayers.globalPool(g, lc, one(lc, in), name, false);
            case "GlobalMaxPooling2D", "GlobalMaxPool2D" -> SpatialLayers.globalPool(g, lc, one(lc, in), name, true);
            case "UpSampling2D" -> SpatialLayers.upsample(g, lc, one(lc, in), name);
            case "ZeroPadding2D" -> SpatialLayers.zeroPad(g, lc, one(lc, in), name);
            case "Cropping2D" -> SpatialLayers.crop(g, lc, one(lc, in), name);
            case "BatchNormalization" -> CoreLayers.batchNorm(g, lc, one(lc, in), name);
            case "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax" -> Activations.layer(g, lc, one(lc, in), name);
            case "Dense" -> CoreLayers.dense(g, lc, one(lc, in), name);
            case "Rescaling" -> AffineLayers.rescaling(g, lc, one(lc, in), name);
            case "PReLU" -> AffineLayers.prelu(g, lc, one(lc, in), name);
            case "Reshape" -> CoreLayers.reshape(g, lc, one(lc, in), name);
            case "Flatten" -> CoreLayers.flatten(g, lc, one(lc, in), name);
            case "Permute" -> CoreLayers.permute(g, lc, one(lc, in), name);
            case "Concatenate", "Add", "Multiply", "Subtract", "Maximum", "Minimum", "Average", "Merge" ->
                    MergeLayers.merge(g, lc, in, name);
            default -> throw new ImportException(lc.what() + " is not supported");
        };
    }

    private static KTensor one(LayerConfig lc, List<KTensor> in) throws ImportException {
        if (in.size() != 1) {
            throw lc.error("expects one input, got " + in.size());
        }
        return in.getFirst();
    }
}
