package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.op.Binary;
import dev.decoderlens.engine.op.Gemm;
import dev.decoderlens.engine.op.MatMul;
import dev.decoderlens.importer.onnx.OnnxProto.DataType;
import dev.decoderlens.importer.onnx.ops.AxisAligned;
import dev.decoderlens.importer.onnx.ops.TruncatedToInteger;
import dev.decoderlens.importer.onnx.ops.UnaryMath;
import dev.decoderlens.importer.onnx.ops.Variadic;
import java.util.Map;

/** Arithmetic with broadcasting (including the opset 1-6 broadcast/axis form), Gemm, MatMul, unary math. */
final class MathBuilders {
    private MathBuilders() {
    }

    static void register(Map<String, OpBuilder> table) {
        table.put("Add", n -> binary(n, Binary.Fn.ADD));
        table.put("Sub", n -> binary(n, Binary.Fn.SUB));
        table.put("Mul", n -> binary(n, Binary.Fn.MUL));
        table.put("Div", n -> binary(n, Binary.Fn.DIV));
        table.put("Pow", n -> new Binary(Binary.Fn.POW));
        table.put("Max", n -> variadic(n, Binary.Fn.MAX, false));
        table.put("Min", n -> variadic(n, Binary.Fn.MIN, false));
        table.put("Sum", n -> variadic(n, Binary.Fn.ADD, false));
        table.put("Mean", n -> variadic(n, Binary.Fn.ADD, true));
        // Gemm-6's "broadcast" attribute only allowed what numpy broadcasting of C does anyway.
        table.put("Gemm", n -> new Gemm(n.attrFloat("alpha", 1f), n.attrFloat("beta", 1f),
                n.attrInt("transA", 0) != 0, n.attrInt("transB", 0) != 0));
        table.put("MatMul", n -> new MatMul());
        for (UnaryMath.Fn fn : UnaryMath.Fn.values()) {
            table.put(fn.onnxName(), n -> new UnaryMath(fn));
        }
    }

    private static Op binary(NodeContext n, Binary.Fn fn) {
        Op op = new Binary(fn);
        if (fn == Binary.Fn.DIV && DataType.isInteger(n.dataType(0))) {
            op = new TruncatedToInteger(op);
        }
        if (n.opset() < 7 && n.attrInt("broadcast", 0) != 0 && n.hasAttr("axis")) {
            op = new AxisAligned(op, n.attrInt("axis", 0));
        }
        return op;
    }

    private static Op variadic(NodeContext n, Binary.Fn fn, boolean mean) {
        if (n.inputCount() == 2 && !mean) {
            return new Binary(fn);
        }
        return new Variadic(n.opType(), new Binary(fn), mean);
    }
}
