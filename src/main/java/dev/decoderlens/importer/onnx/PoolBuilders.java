package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.op.AvgPool2D;
import dev.decoderlens.engine.op.GlobalPool;
import dev.decoderlens.engine.op.MaxPool2D;
import dev.decoderlens.engine.op.PoolSpec;
import dev.decoderlens.importer.onnx.ops.Spatial1D;
import java.util.Map;

/** MaxPool, AveragePool (every opset from 1) and the global pools. */
final class PoolBuilders {
    private PoolBuilders() {
    }

    static void register(Map<String, OpBuilder> table) {
        table.put("MaxPool", n -> {
            SpatialAttrs a = SpatialAttrs.read(n, SpatialAttrs.kernelShape(n));
            if (n.attrInt("storage_order", 0) != 0) {
                throw new IllegalArgumentException("storage_order=1 (column-major indices) is not supported");
            }
            return wrap(a, new MaxPool2D(spec(n, a)));
        });
        table.put("AveragePool", n -> {
            SpatialAttrs a = SpatialAttrs.read(n, SpatialAttrs.kernelShape(n));
            // AveragePool-1 had no count_include_pad and excluded the padding, as the later default does.
            return wrap(a, new AvgPool2D(spec(n, a), n.attrInt("count_include_pad", 0) != 0));
        });
        table.put("GlobalAveragePool", n -> new GlobalPool(false));
        table.put("GlobalMaxPool", n -> new GlobalPool(true));
    }

    private static PoolSpec spec(NodeContext n, SpatialAttrs a) {
        return new PoolSpec(a.kernelH(), a.kernelW(), a.strideH(), a.strideW(), a.dilationH(), a.dilationW(),
                a.autoPad(), a.pads(), n.attrInt("ceil_mode", 0) != 0);
    }

    private static Op wrap(SpatialAttrs a, Op op) {
        return a.oneD() ? new Spatial1D(op) : op;
    }
}
