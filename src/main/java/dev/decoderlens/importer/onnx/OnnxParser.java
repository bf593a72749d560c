package dev.decoderlens.importer.onnx;

import dev.decoderlens.importer.onnx.OnnxProto.Attribute;
import dev.decoderlens.importer.onnx.OnnxProto.DataType;
import dev.decoderlens.importer.onnx.OnnxProto.Graph;
import dev.decoderlens.importer.onnx.OnnxProto.Model;
import dev.decoderlens.importer.onnx.OnnxProto.Node;
import dev.decoderlens.importer.onnx.OnnxProto.TensorValue;
import dev.decoderlens.importer.onnx.OnnxProto.ValueInfo;
import dev.decoderlens.importer.onnx.ProtoReader.FloatList;
import dev.decoderlens.importer.onnx.ProtoReader.LongList;
import dev.decoderlens.importer.onnx.ProtoReader.ProtoException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes an ONNX file's protobuf messages into {@link OnnxProto} records. Field numbers are those of onnx.proto;
 * unknown fields are skipped, as protobuf readers do, so newer files still open.
 */
final class OnnxParser {
    private OnnxParser() {
    }

    /** A file that is protobuf but not a usable ONNX model (external data, string tensors, no graph). */
    static final class UnsupportedContent extends Exception {
        UnsupportedContent(String message) {
            super(message);
        }
    }

    static Model parseModel(byte[] bytes) throws ProtoException, UnsupportedContent {
        ProtoReader r = new ProtoReader(bytes);
        long ir = 0;
        String producer = "";
        Map<String, Long> opsets = new LinkedHashMap<>();
        Graph graph = null;
        while (r.hasMore()) {
            r.readTag();
            switch (r.field()) {
                case 1 -> ir = varint(r);
                case 2 -> producer = string(r);
                case 7 -> graph = parseGraph(message(r));
                case 8 -> {
                    ProtoReader o = message(r);
                    String domain = "";
                    long version = 1;
                    while (o.hasMore()) {
                        o.readTag();
                        switch (o.field()) {
                            case 1 -> domain = string(o);
                            case 2 -> version = varint(o);
                            default -> o.skip();
                        }
                    }
                    opsets.merge(domain, version, Math::max);
                }
                default -> r.skip();
            }
        }
        if (graph == null) {
            throw new UnsupportedContent("the file holds no graph (is it an ONNX model?)");
        }
        return new Model(ir, opsets, producer, graph);
    }

    /** Parses one serialized TensorProto, as the ONNX test data's {@code input_0.pb} files hold. */
    static TensorValue parseTensor(byte[] bytes) throws ProtoException, UnsupportedContent {
        return parseTensor(new ProtoReader(bytes));
    }

    private static Graph parseGraph(ProtoReader r) throws ProtoException, UnsupportedContent {
        String name = "";
        List<Node> nodes = new ArrayList<>();
        List<TensorValue> inits = new ArrayList<>();
        List<ValueInfo> inputs = new ArrayList<>();
        List<ValueInfo> outputs = new ArrayList<>();
        while (r.hasMore()) {
            r.readTag();
            switch (r.field()) {
                case 1 -> nodes.add(parseNode(message(r)));
                case 2 -> name = string(r);
                case 5 -> inits.add(parseTensor(message(r)));
                case 11 -> inputs.add(parseValueInfo(message(r)));
                case 12 -> outputs.add(parseValueInfo(message(r)));
                case 15 -> throw new UnsupportedContent("the graph has sparse initializers, which DecoderLens does not read");
                default -> r.skip();
            }
        }
        return new Graph(name, nodes, inits, inputs, outputs);
    }

    private static Node parseNode(ProtoReader r) throws ProtoException, UnsupportedContent {
        List<String> in = new ArrayList<>();
        List<String> out = new ArrayList<>();
        String name = "";
        String op = "";
        String domain = "";
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        while (r.hasMore()) {
            r.readTag();
            switch (r.field()) {
                case 1 -> in.add(string(r));
                case 2 -> out.add(string(r));
                case 3 -> name = string(r);
                case 4 -> op = string(r);
                case 5 -> {
                    Attribute a = parseAttribute(message(r));
                    attrs.put(a.name(), a);
                }
                case 7 -> domain = string(r);
                default -> r.skip();
            }
        }
        return new Node(name, op, domain, in, out, attrs);
    }

    private static Attribute parseAttribute(ProtoReader r) throws ProtoException, UnsupportedContent {
        String name = "";
        int type = 0;
        float f = 0;
        long i = 0;
        String s = null;
        TensorValue t = null;
        FloatList floats = new FloatList();
        LongList ints = new LongList();
        List<String> strings = new ArrayList<>();
        boolean hasGraph = false;
        while (r.hasMore()) {
            r.readTag();
            switch (r.field()) {
                case 1 -> name = string(r);
                case 2 -> {
                    r.expect(ProtoReader.FIXED32);
                    f = r.readFixedFloat();
                }
                case 3 -> i = varint(r);
                case 4 -> s = string(r);
                case 5 -> t = parseTensor(message(r));
                case 6, 11 -> {
                    hasGraph = true;
                    r.skip();
                }
                case 7 -> r.readFloats(floats);
                case 8 -> r.readVarints(ints);
                case 9 -> strings.add(string(r));
                case 20 -> type = r.readInt32();
                default -> r.skip();
            }
        }
        if (type == 0) {
            // IR version 1 had no type field: infer it from the field that is present.
            type = t != null ? Attribute.TENSOR : s != null ? Attribute.STRING : floats.size() > 0 ? Attribute.FLOATS
                    : ints.size() > 0 ? Attribute.INTS : !strings.isEmpty() ? Attribute.STRINGS : hasGraph ? Attribute.GRAPH
                    : f != 0 ? Attribute.FLOAT : Attribute.INT;
        }
        return new Attribute(name, type, f, i, s, t, floats.toArray(), ints.toArray(), strings);
    }

    private static ValueInfo parseValueInfo(ProtoReader r) throws ProtoException {
        String name = "";
        int elemType = 0;
        int[] dims = null;
        while (r.hasMore()) {
            r.readTag();
            if (r.field() == 1) {
                name = string(r);
            } else if (r.field() == 2) {
                ProtoReader type = message(r);
                while (type.hasMore()) {
                    type.readTag();
                    if (type.field() != 1) { // only tensor_type; sequences and maps keep elemType 0
                        type.skip();
                        continue;
                    }
                    ProtoReader tensor = message(type);
                    while (tensor.hasMore()) {
                        tensor.readTag();
                        if (tensor.field() == 1) {
                            elemType = tensor.readInt32();
                        } else if (tensor.field() == 2) {
                            dims = parseShape(message(tensor));
                        } else {
                            tensor.skip();
                        }
                    }
                }
            } else {
                r.skip();
            }
        }
        return new ValueInfo(name, elemType, dims);
    }

    private static int[] parseShape(ProtoReader r) throws ProtoException {
        List<Integer> dims = new ArrayList<>();
        while (r.hasMore()) {
            r.readTag();
            if (r.field() != 1) {
                r.skip();
                continue;
            }
            ProtoReader d = message(r);
            int value = -1;
            while (d.hasMore()) {
                d.readTag();
                if (d.field() == 1) {
                    long v = d.readVarint();
                    value = v > 0 && v <= Integer.MAX_VALUE ? (int) v : -1;
                } else {
                    d.skip();
                }
            }
            dims.add(value);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static TensorValue parseTensor(ProtoReader r) throws ProtoException, UnsupportedContent {
        LongList dims = new LongList();
        int dataType = 0;
        String name = "";
        FloatList floats = new FloatList();
        LongList longs = new LongList();
        byte[] raw = null;
        boolean external = false;
        boolean strings = false;
        while (r.hasMore()) {
            r.readTag();
            switch (r.field()) {
                case 1 -> r.readVarints(dims);
                case 2 -> dataType = r.readInt32();
                case 4 -> r.readFloats(floats);
                case 5, 7, 11 -> r.readVarints(longs);
                case 6 -> {
                    strings = true;
                    r.skip();
                }
                case 8 -> name = string(r);
                case 9 -> raw = r.readBytes();
                case 10 -> r.readDoubles(floats);
                case 13 -> {
                    external = true;
                    r.skip();
                }
                case 14 -> external |= r.readVarint() == 1;
                default -> r.skip();
            }
        }
        String label = name.isEmpty() ? "a tensor" : "tensor '" + name + "'";
        if (external) {
            throw new UnsupportedContent(label + " keeps its data in an external file, which DecoderLens does not read;"
                    + " save the model with its weights inside (onnx.save(model, path, save_as_external_data=False))");
        }
        if (strings || dataType == DataType.STRING) {
            throw new UnsupportedContent(label + " holds strings; DecoderLens reads numeric tensors only");
        }
        long[] shape = dims.toArray();
        long expected = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new UnsupportedContent(label + " has a negative dimension " + d);
            }
            expected *= d;
        }
        if (expected > Integer.MAX_VALUE - 8) {
            throw new UnsupportedContent(label + " has " + expected + " values, more than a Java array holds");
        }
        TensorValue t = decode(name, dataType, shape, raw, floats, longs, label);
        if (t.count() != expected) {
            throw new UnsupportedContent(label + " has " + t.count() + " values, its shape needs " + expected
                    + " (damaged or truncated file)");
        }
        return t;
    }

    private static TensorValue decode(String name, int type, long[] dims, byte[] raw, FloatList floats,
                                      LongList longs, String label) throws UnsupportedContent {
        boolean floating = DataType.isFloating(type);
        if (!floating && !DataType.isInteger(type)) {
            throw new UnsupportedContent(label + " has data type " + DataType.name(type) + ", which DecoderLens does not read");
        }
        if (raw != null) {
            return floating ? new TensorValue(name, type, dims, rawFloats(raw, type, label), null)
                    : new TensorValue(name, type, dims, null, rawLongs(raw, type, label));
        }
        if (type == DataType.FLOAT16 || type == DataType.BFLOAT16) {
            long[] bits = longs.toArray(); // half floats travel as their bit patterns in int32_data
            float[] f = new float[bits.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = half((short) bits[i], type);
            }
            return new TensorValue(name, type, dims, f, null);
        }
        return floating ? new TensorValue(name, type, dims, floats.toArray(), null)
                : new TensorValue(name, type, dims, null, longs.toArray());
    }

    private static float[] rawFloats(byte[] raw, int type, String label) throws UnsupportedContent {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int width = type == DataType.DOUBLE ? 8 : type == DataType.FLOAT ? 4 : 2;
        if (raw.length % width != 0) {
            throw new UnsupportedContent(label + " has " + raw.length + " raw bytes, not a whole number of values");
        }
        float[] out = new float[raw.length / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (width) {
                case 8 -> (float) b.getDouble(i * 8);
                case 4 -> b.getFloat(i * 4);
                default -> half(b.getShort(i * 2), type);
            };
        }
        return out;
    }

    private static long[] rawLongs(byte[] raw, int type, String label) throws UnsupportedContent {
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int width = switch (type) {
            case DataType.INT64, DataType.UINT64 -> 8;
            case DataType.INT32, DataType.UINT32 -> 4;
            case DataType.INT16, DataType.UINT16 -> 2;
            default -> 1;
        };
        if (raw.length % width != 0) {
            throw new UnsupportedContent(label + " has " + raw.length + " raw bytes, not a whole number of values");
        }
        long[] out = new long[raw.length / width];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (type) {
                case DataType.INT64, DataType.UINT64 -> b.getLong(i * 8);
                case DataType.INT32 -> b.getInt(i * 4);
                case DataType.UINT32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
                case DataType.INT16 -> b.getShort(i * 2);
                case DataType.UINT16 -> b.getShort(i * 2) & 0xFFFF;
                case DataType.INT8 -> b.get(i);
                default -> b.get(i) & 0xFF; // uint8, bool
            };
        }
        return out;
    }

    private static float half(short bits, int type) {
        return type == DataType.BFLOAT16 ? Float.intBitsToFloat((bits & 0xFFFF) << 16) : Float.float16ToFloat(bits);
    }

    private static long varint(ProtoReader r) throws ProtoException {
        r.expect(ProtoReader.VARINT);
        return r.readVarint();
    }

    private static String string(ProtoReader r) throws ProtoException {
        r.expect(ProtoReader.LEN);
        return r.readString();
    }

    private static ProtoReader message(ProtoReader r) throws ProtoException {
        r.expect(ProtoReader.LEN);
        return r.readMessage();
    }
}
