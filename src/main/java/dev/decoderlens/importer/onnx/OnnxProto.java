package dev.decoderlens.importer.onnx;

import java.util.List;
import java.util.Map;

/**
 * The parts of an ONNX file the importer uses, as plain records (what {@link OnnxParser} reads from the protobuf
 * messages ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto and ValueInfoProto).
 */
final class OnnxProto {
    private OnnxProto() {
    }

    /** ModelProto: the IR version, the operator set version per domain ("" = the ONNX default domain), the graph. */
    record Model(long irVersion, Map<String, Long> opsets, String producer, Graph graph) {
        /** The default-domain opset; files from before opset_import existed count as opset 1. */
        int defaultOpset() {
            Long v = opsets.get("");
            if (v == null) {
                v = opsets.get("ai.onnx");
            }
            return v == null ? 1 : v.intValue();
        }
    }

    record Graph(String name, List<Node> nodes, List<TensorValue> initializers, List<ValueInfo> inputs,
                 List<ValueInfo> outputs) {
    }

    record Node(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                Map<String, Attribute> attributes) {
    }

    /** AttributeProto; only the field its {@code type} names is meaningful. */
    record Attribute(String name, int type, float f, long i, String s, TensorValue t, float[] floats, long[] ints,
                     List<String> strings) {
        static final int FLOAT = 1, INT = 2, STRING = 3, TENSOR = 4, GRAPH = 5, FLOATS = 6, INTS = 7, STRINGS = 8;
    }

    /**
     * TensorProto with its values decoded: floating types into {@code floats}, integer and bool types into
     * {@code longs} (kept exact: shape arithmetic and Slice's INT64_MAX ends need them).
     */
    record TensorValue(String name, int dataType, long[] dims, float[] floats, long[] longs) {
        boolean isFloating() {
            return floats != null;
        }

        int count() {
            return floats != null ? floats.length : longs.length;
        }
    }

    /** ValueInfoProto for a tensor: element type and shape; a dimension without a value is -1; null shape = unknown. */
    record ValueInfo(String name, int elemType, int[] dims) {
    }

    /** TensorProto.DataType values. */
    static final class DataType {
        static final int UNDEFINED = 0, FLOAT = 1, UINT8 = 2, INT8 = 3, UINT16 = 4, INT16 = 5, INT32 = 6, INT64 = 7,
                STRING = 8, BOOL = 9, FLOAT16 = 10, DOUBLE = 11, UINT32 = 12, UINT64 = 13, BFLOAT16 = 16;

        private DataType() {
        }

        static boolean isFloating(int t) {
            return t == FLOAT || t == FLOAT16 || t == DOUBLE || t == BFLOAT16;
        }

        static boolean isInteger(int t) {
            return t == UINT8 || t == INT8 || t == UINT16 || t == INT16 || t == INT32 || t == INT64 || t == UINT32
                    || t == UINT64 || t == BOOL;
        }

        static String name(int t) {
            return switch (t) {
                case FLOAT -> "float";
                case UINT8 -> "uint8";
                case INT8 -> "int8";
                case UINT16 -> "uint16";
                case INT16 -> "int16";
                case INT32 -> "int32";
                case INT64 -> "int64";
                case STRING -> "string";
                case BOOL -> "bool";
                case FLOAT16 -> "float16";
                case DOUBLE -> "double";
                case UINT32 -> "uint32";
                case UINT64 -> "uint64";
                case BFLOAT16 -> "bfloat16";
                default -> "type " + t;
            };
        }
    }
}
