package dev.decoderlens.experiment;

import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.op.ConvSpec;
import java.util.List;

/**
 * What the layer list shows for one layer, known before anything runs.
 *
 * @param name         node name, also the name of its output tensor in the trace ("deconv1")
 * @param type         operator type ("Conv", "ConvTranspose", "MaxPool", "Resize", "DepthToSpace")
 * @param title        a human title with its settings ("ConvTranspose 2x2 s2 + ReLU")
 * @param outputShape  logical (1, C, H, W)
 * @param stage        0 for encoder layers, 1..n for decoder stage n, n + 1 for the output convolution: the key
 *                     that matches a layer of path A with one of path B
 * @param arithmetic   the output-size formula with the numbers filled in
 * @param warnings     shape problems in words, empty when none
 * @param phaseStride  the period of the layer's sampling grid (its stride or scale) for checkerboard measures; 1
 *                     when the layer does not upsample
 * @param activation   the activation applied at the end of the layer ("Relu", "Sigmoid", "Tanh", "Identity")
 * @param transposed   the geometry of a transposed convolution (explicit pads), for the overlap map; null otherwise
 */
public record LayerInfo(String name, String type, String title, int[] outputShape, int stage, String arithmetic,
                        List<String> warnings, int phaseStride, String activation, ConvSpec transposed) {
    public LayerInfo {
        outputShape = outputShape.clone();
        warnings = List.copyOf(warnings);
    }

    @Override
    public int[] outputShape() {
        return outputShape.clone();
    }

    public int channels() {
        return outputShape[1];
    }

    public int height() {
        return outputShape[2];
    }

    public int width() {
        return outputShape[3];
    }

    /** "64x256x256" (C x H x W). */
    public String shapeText() {
        return Shapes.compact(new int[] {outputShape[1], outputShape[2], outputShape[3]});
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo l && l.name.equals(name) && l.title.equals(title) && java.util.Arrays.equals(l.outputShape, outputShape)
                && l.stage == stage;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(outputShape);
    }
}
