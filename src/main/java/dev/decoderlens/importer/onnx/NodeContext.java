package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.onnx.OnnxProto.Attribute;
import dev.decoderlens.importer.onnx.OnnxProto.Node;
import java.util.BitSet;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/**
 * What an {@link OpBuilder} sees of one ONNX node: its attributes (with the defaults the builder gives), the opset,
 * and the values of the inputs it treats as parameters (weights, shapes, scales). A parameter that is not known at
 * import time makes {@link #param} throw {@link NotConstant}; the importer then builds the operator again at run
 * time, when every input has a value (see {@link LateBoundOp}).
 */
final class NodeContext {
    private final Node node;
    private final int opset;
    private final IntFunction<Tensor> values;
    private final IntUnaryOperator dataTypes;
    private final BitSet params = new BitSet();

    NodeContext(Node node, int opset, IntFunction<Tensor> values, IntUnaryOperator dataTypes) {
        this.node = node;
        this.opset = opset;
        this.values = values;
        this.dataTypes = dataTypes;
    }

    /** Thrown by {@link #param} when an input that must be a parameter has no value at import time. */
    static final class NotConstant extends RuntimeException {
        NotConstant(String input) {
            super("input '" + input + "' is not a constant", null, false, false);
        }
    }

    Node node() {
        return node;
    }

    String opType() {
        return node.opType();
    }

    int opset() {
        return opset;
    }

    int inputCount() {
        return node.inputs().size();
    }

    /** True when input {@code i} is present (optional inputs may be missing or named ""). */
    boolean has(int i) {
        return i < node.inputs().size() && !node.inputs().get(i).isEmpty();
    }

    /** The ONNX element type of input {@code i} as far as the importer knows it (FLOAT when unknown). */
    int dataType(int i) {
        return dataTypes.applyAsInt(i);
    }

    /**
     * The value of input {@code i}, which the operator takes as a parameter rather than as data; null when the
     * optional input is absent.
     */
    Tensor param(int i) {
        if (!has(i)) {
            return null;
        }
        params.set(i);
        Tensor t = values.apply(i);
        if (t == null) {
            throw new NotConstant(node.inputs().get(i));
        }
        return t;
    }

    /** An integer parameter vector (shapes, axes, pads), or null when absent. Huge values saturate. */
    int[] paramInts(int i) {
        Tensor t = param(i);
        return t == null ? null : Ints.of(t);
    }

    /** A parameter that must be present. */
    Tensor requireParam(int i, String what) {
        Tensor t = param(i);
        if (t == null) {
            throw new IllegalArgumentException("needs input " + (i + 1) + " (" + what + ")");
        }
        return t;
    }

    /** Inputs consumed as parameters so far; the others are the operator's run-time inputs. */
    BitSet params() {
        return params;
    }

    boolean hasAttr(String name) {
        return node.attributes().containsKey(name);
    }

    long attrLong(String name, long def) {
        Attribute a = node.attributes().get(name);
        return a == null ? def : a.i();
    }

    int attrInt(String name, int def) {
        return Math.toIntExact(attrLong(name, def));
    }

    float attrFloat(String name, float def) {
        Attribute a = node.attributes().get(name);
        if (a == null) {
            return def;
        }
        return a.type() == Attribute.INT ? a.i() : a.f();
    }

    String attrString(String name, String def) {
        Attribute a = node.attributes().get(name);
        return a == null || a.s() == null ? def : a.s();
    }

    /** An INTS attribute as int[], or {@code def} when absent. */
    int[] attrInts(String name, int[] def) {
        Attribute a = node.attributes().get(name);
        if (a == null) {
            return def;
        }
        long[] v = a.ints();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Ints.saturate(v[i]);
        }
        return out;
    }

    float[] attrFloats(String name, float[] def) {
        Attribute a = node.attributes().get(name);
        return a == null ? def : a.floats();
    }

    /** A TENSOR attribute as an engine tensor (integers become floats), or null. */
    Tensor attrTensor(String name) {
        Attribute a = node.attributes().get(name);
        return a == null || a.t() == null ? null : OnnxTensors.toTensor(a.t());
    }

    Attribute attr(String name) {
        return node.attributes().get(name);
    }
}
