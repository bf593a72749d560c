package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.onnx.OnnxProto.TensorValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Conversions between ONNX TensorProto values and engine tensors. */
public final class OnnxTensors {
    private OnnxTensors() {
    }

    /** A row-major float tensor with the TensorProto's values (integers and bools become floats). */
    static Tensor toTensor(TensorValue v) {
        int[] shape = new int[v.dims().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(v.dims()[i]);
        }
        if (v.isFloating()) {
            return Tensor.of(shape, v.floats());
        }
        long[] l = v.longs();
        float[] f = new float[l.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = l[i];
        }
        return Tensor.of(shape, f);
    }

    /**
     * Reads a file holding one serialized TensorProto (the ONNX test data's {@code input_0.pb} / {@code output_0.pb}).
     */
    public static Tensor readTensorFile(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return toTensor(OnnxParser.parseTensor(bytes));
        } catch (ProtoReader.ProtoException | OnnxParser.UnsupportedContent e) {
            throw new IOException(file + ": not a readable TensorProto (" + e.getMessage() + ")", e);
        }
    }
}
