package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Tensor;
import dev.decoderlens.engine.op.Concat;
import dev.decoderlens.engine.op.Flatten;
import dev.decoderlens.engine.op.Reshape;
import dev.decoderlens.engine.op.Slice;
import dev.decoderlens.engine.op.Squeeze;
import dev.decoderlens.engine.op.Transpose;
import dev.decoderlens.engine.op.Unsqueeze;
import dev.decoderlens.importer.onnx.OnnxProto.DataType;
import dev.decoderlens.importer.onnx.ops.Broadcast;
import dev.decoderlens.importer.onnx.ops.Cast;
import dev.decoderlens.importer.onnx.ops.ConstantValue;
import dev.decoderlens.importer.onnx.ops.Expand;
import dev.decoderlens.importer.onnx.ops.Gather;
import dev.decoderlens.importer.onnx.ops.ShapeOf;
import dev.decoderlens.importer.onnx.ops.Split;
import dev.decoderlens.importer.onnx.ops.Tile;
import java.util.Arrays;
import java.util.Map;

/**
 * Shape plumbing: the engine's reshape-like operators plus the ONNX-only ones (Shape, Gather, Cast, Constant,
 * ConstantOfShape, Range, Expand, Tile). Attribute forms of old opsets and input forms of new ones both map here.
 */
final class ShapeBuilders {
    private ShapeBuilders() {
    }

    static void register(Map<String, OpBuilder> table) {
        table.put("Reshape", n -> new Reshape(n.opset() < 5 ? n.attrInts("shape", null) : requireInts(n, 1, "shape"),
                n.attrInt("allowzero", 0) != 0));
        table.put("Flatten", n -> new Flatten(n.attrInt("axis", 1)));
        table.put("Transpose", n -> new Transpose(n.attrInts("perm", null)));
        table.put("Squeeze", n -> new Squeeze(n.opset() < 13 ? n.attrInts("axes", null) : n.paramInts(1)));
        table.put("Unsqueeze", n -> new Unsqueeze(n.opset() < 13 ? n.attrInts("axes", null) : requireInts(n, 1, "axes")));
        table.put("Concat", n -> new Concat(n.attrInt("axis", 1)));
        table.put("Slice", ShapeBuilders::slice);
        table.put("Shape", n -> new ShapeOf(n.attrInt("start", 0), n.attrInt("end", ShapeOf.ALL)));
        table.put("Gather", n -> new Gather(n.attrInt("axis", 0)));
        table.put("Cast", n -> new Cast(castTarget(n.attrInt("to", DataType.FLOAT))));
        table.put("Constant", ShapeBuilders::constant);
        table.put("ConstantOfShape", n -> {
            int[] shape = requireInts(n, 0, "shape");
            Tensor value = n.attrTensor("value");
            float v = value == null ? 0f : value.data()[0];
            float[] data = new float[Broadcast.checkedSize(shape)];
            Arrays.fill(data, v);
            return new ConstantValue("ConstantOfShape", Tensor.of(shape, data));
        });
        table.put("Range", n -> {
            float start = n.requireParam(0, "start").data()[0];
            float limit = n.requireParam(1, "limit").data()[0];
            float delta = n.requireParam(2, "delta").data()[0];
            double steps = Math.ceil((limit - start) / delta);
            if (!(steps <= Broadcast.MAX_VALUES)) { // also refuses NaN from delta = 0
                throw new IllegalArgumentException("Range(" + start + ", " + limit + ", " + delta + ") has too many values");
            }
            int count = (int) Math.max(steps, 0);
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                v[i] = start + i * delta;
            }
            return new ConstantValue("Range", Tensor.of(new int[] {count}, v));
        });
        table.put("Expand", n -> new Expand(requireInts(n, 1, "shape")));
        table.put("Split", n -> new Split(n.attrInt("axis", 0),
                n.opset() < 13 ? n.attrInts("split", null) : n.paramInts(1), n.node().outputs().size()));
        table.put("Tile", n -> new Tile(requireInts(n, 1, "repeats")));
    }

    private static int[] requireInts(NodeContext n, int i, String what) {
        return Ints.of(n.requireParam(i, what));
    }

    private static Slice slice(NodeContext n) {
        int[] starts;
        int[] ends;
        int[] axes;
        int[] steps = null;
        if (n.opset() < 10) {
            starts = n.attrInts("starts", null);
            ends = n.attrInts("ends", null);
            axes = n.attrInts("axes", null);
            if (starts == null || ends == null) {
                throw new IllegalArgumentException("needs the starts and ends attributes");
            }
        } else {
            starts = requireInts(n, 1, "starts");
            ends = requireInts(n, 2, "ends");
            axes = n.paramInts(3);
            steps = n.paramInts(4);
        }
        if (axes == null) {
            axes = new int[starts.length];
            Arrays.setAll(axes, i -> i);
        }
        if (steps == null) {
            steps = new int[starts.length];
            Arrays.fill(steps, 1);
        }
        return new Slice(starts, ends, axes, steps);
    }

    private static ConstantValue constant(NodeContext n) {
        Tensor t = n.attrTensor("value");
        if (t == null && n.hasAttr("value_float")) {
            t = Tensor.scalar(n.attrFloat("value_float", 0));
        } else if (t == null && n.hasAttr("value_int")) {
            t = Tensor.scalar(n.attrLong("value_int", 0));
        } else if (t == null && n.hasAttr("value_floats")) {
            float[] f = n.attrFloats("value_floats", new float[0]);
            t = Tensor.of(new int[] {f.length}, f);
        } else if (t == null && n.hasAttr("value_ints")) {
            t = Ints.vector(n.attrInts("value_ints", new int[0]));
        }
        if (t == null) {
            throw new IllegalArgumentException("has no value DecoderLens can read (sparse or string constants are not supported)");
        }
        return new ConstantValue("Constant", t);
    }

    static Cast.Target castTarget(int to) {
        if (to == DataType.BOOL) {
            return Cast.Target.BOOL;
        }
        if (to == DataType.FLOAT16 || to == DataType.BFLOAT16) {
            return Cast.Target.HALF;
        }
        if (DataType.isInteger(to)) {
            return Cast.Target.INTEGER;
        }
        if (DataType.isFloating(to)) {
            return Cast.Target.FLOAT;
        }
        throw new IllegalArgumentException("cannot cast to " + DataType.name(to));
    }

    /** The ONNX element type a node produces, for the few places where integer semantics matter. */
    static int outputType(NodeContext n) {
        return switch (n.opType()) {
            case "Shape", "Size", "ArgMax", "ArgMin", "NonZero" -> DataType.INT64;
            case "Cast" -> n.attrInt("to", DataType.FLOAT);
            case "Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual", "Not", "And", "Or", "Xor" -> DataType.BOOL;
            case "Constant" -> constantType(n);
            case "ConstantOfShape" -> n.attr("value") != null && n.attr("value").t() != null
                    ? n.attr("value").t().dataType() : DataType.FLOAT;
            default -> n.inputCount() > 0 ? n.dataType(0) : DataType.FLOAT;
        };
    }

    private static int constantType(NodeContext n) {
        if (n.attr("value") != null && n.attr("value").t() != null) {
            return n.attr("value").t().dataType();
        }
        return n.hasAttr("value_int") || n.hasAttr("value_ints") ? DataType.INT64 : DataType.FLOAT;
    }
}
