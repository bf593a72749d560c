package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;
import dev.decoderlens.importer.onnx.OnnxProto.Node;
import java.util.BitSet;

/**
 * An operator whose parameters (a Reshape's shape, a Resize's sizes, a Pad's pads) are computed by the graph
 * itself from a run-time tensor, e.g. {@code Shape -> Gather -> Concat -> Reshape}. It receives every input of the
 * ONNX node and builds the real operator on each run; building is cheap next to running for all such operators.
 */
final class LateBoundOp implements Op {
    private final OpBuilder builder;
    private final Node node;
    private final int opset;
    private final int[] dataTypes;

    LateBoundOp(OpBuilder builder, Node node, int opset, int[] dataTypes) {
        this.builder = builder;
        this.node = node;
        this.opset = opset;
        this.dataTypes = dataTypes.clone();
    }

    @Override
    public String type() {
        return node.opType();
    }

    @Override
    public Tensor[] apply(Tensor[] inputs, ExecContext ctx) {
        NodeContext c = new NodeContext(node, opset, i -> i < inputs.length ? inputs[i] : null,
                i -> i < dataTypes.length ? dataTypes[i] : OnnxProto.DataType.FLOAT);
        Op op = builder.build(c);
        BitSet params = c.params();
        Tensor[] data = new Tensor[inputs.length - params.cardinality()];
        for (int i = 0, k = 0; i < inputs.length; i++) {
            if (!params.get(i)) {
                data[k++] = inputs[i];
            }
        }
        return op.apply(data, ctx);
    }
}
