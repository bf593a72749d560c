package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/**
 * Passes its input through. The importer removes Identity and inference-mode Dropout nodes by renaming; this op
 * remains only where such a node produces a graph output, whose name must survive.
 */
public record Identity(String type) implements Op {
    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        return new Tensor[] {in[0]};
    }
}
