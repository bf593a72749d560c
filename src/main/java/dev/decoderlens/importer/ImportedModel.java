package dev.decoderlens.importer;

import dev.decoderlens.engine.Graph;
import java.nio.file.Path;
import java.util.List;

/**
 * A model read from a file: the engine graph (logical NCHW, like every engine graph), the inputs the caller must
 * feed and the layout the model's own framework uses at its inputs and outputs, so that {@code infer} can read and
 * write arrays as the user's framework does (NCHW for ONNX, NHWC for channels-last Keras models).
 */
public record ImportedModel(String format, Path source, Graph graph, List<InputSpec> inputs, IoLayout ioLayout) {

    /** A graph input: its name and its logical (engine) shape; -1 where the model leaves a dimension free. */
    public record InputSpec(String name, int[] shape) {
    }

    /** How the framework lays out rank-4 inputs and outputs. */
    public enum IoLayout {
        NCHW, NHWC
    }
}
