package dev.decoderlens.experiment;

import java.util.List;

/**
 * The layers of one network (the encoder or one decoder) before any weight exists: each layer's metadata and
 * operator. Layers form a chain: layer n reads layer n-1's output, the first reads {@code inputName}.
 *
 * @param warnings network-level problems in words (e.g. the output size differs from the crop)
 */
public record NetworkPlan(String name, String inputName, int[] inputShape, List<Planned> layers, List<String> warnings) {

    /** One layer: what the list shows and what the builder makes. */
    public record Planned(LayerInfo info, LayerOp op) {
    }

    public NetworkPlan {
        inputShape = inputShape.clone();
        layers = List.copyOf(layers);
        warnings = List.copyOf(warnings);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    public List<LayerInfo> infos() {
        return layers.stream().map(Planned::info).toList();
    }

    public String outputName() {
        return layers.getLast().info().name();
    }

    public int[] outputShape() {
        return layers.getLast().info().outputShape();
    }
}
