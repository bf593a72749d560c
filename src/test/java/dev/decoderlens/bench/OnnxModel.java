package dev.decoderlens.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds a small ONNX ModelProto (opset 13, float tensors) with {@link ProtoWriter}. Field numbers are those of
 * onnx.proto: ModelProto ir_version 1, producer_name 2, graph 7, opset_import 8; GraphProto node 1, name 2,
 * initializer 5, input 11, output 12; NodeProto input 1, output 2, name 3, op_type 4, attribute 5; AttributeProto
 * name 1, f 2, i 3, s 4, ints 8, type 20; TensorProto dims 1, data_type 2, name 8, raw_data 9; ValueInfoProto name 1,
 * type 2; TypeProto tensor_type 1; TypeProto.Tensor elem_type 1, shape 2; TensorShapeProto dim 1; dim_value 1.
 */
final class OnnxModel {
    private static final int FLOAT = 1;
    private static final int ATTR_FLOAT = 1, ATTR_INT = 2, ATTR_STRING = 3, ATTR_INTS = 7;

    private final ProtoWriter graph = new ProtoWriter().string(2, "bench");
    private int nodes;

    /** An attribute: build with {@link #ints}, {@link #str}, {@link #num}. */
    record Attr(ProtoWriter proto) {
    }

    static Attr ints(String name, long... values) {
        ProtoWriter a = new ProtoWriter().string(1, name).varint(20, ATTR_INTS);
        for (long v : values) {
            a.varint(8, v);
        }
        return new Attr(a);
    }

    static Attr str(String name, String value) {
        return new Attr(new ProtoWriter().string(1, name).varint(20, ATTR_STRING).string(4, value));
    }

    static Attr num(String name, long value) {
        return new Attr(new ProtoWriter().string(1, name).varint(20, ATTR_INT).varint(3, value));
    }

    static Attr real(String name, float value) {
        return new Attr(new ProtoWriter().string(1, name).varint(20, ATTR_FLOAT).fixed32(2, value));
    }

    OnnxModel node(String opType, String[] inputs, String output, Attr... attrs) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        n.string(2, output).string(3, opType.toLowerCase() + "_" + nodes++).string(4, opType);
        for (Attr a : attrs) {
            n.message(5, a.proto());
        }
        graph.message(1, n);
        return this;
    }

    OnnxModel initializer(String name, int[] dims, float[] values) {
        ProtoWriter t = new ProtoWriter();
        for (int d : dims) {
            t.varint(1, d);
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        t.varint(2, FLOAT).string(8, name).bytes(9, raw.array());
        graph.message(5, t);
        return this;
    }

    OnnxModel input(String name, int... dims) {
        graph.message(11, valueInfo(name, dims));
        return this;
    }

    OnnxModel output(String name, int... dims) {
        graph.message(12, valueInfo(name, dims));
        return this;
    }

    private static ProtoWriter valueInfo(String name, int[] dims) {
        ProtoWriter shape = new ProtoWriter();
        for (int d : dims) {
            shape.message(1, new ProtoWriter().varint(1, d));
        }
        ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }

    byte[] toBytes() {
        return new ProtoWriter().varint(1, 8).string(2, "decoderlens-bench").message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, 13)).toByteArray();
    }
}
