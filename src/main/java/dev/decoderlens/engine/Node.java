package dev.decoderlens.engine;

import java.util.List;

/**
 * One step of a graph: an operator applied to named tensors, producing named tensors. An empty input name marks
 * an optional input that is absent (as in ONNX).
 */
public record Node(String name, Op op, List<String> inputs, List<String> outputs) {
    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    public static Node of(String name, Op op, String input, String output) {
        return new Node(name, op, List.of(input), List.of(output));
    }
}
