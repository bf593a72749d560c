package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.ExecContext;
import dev.decoderlens.engine.Op;
import dev.decoderlens.engine.Tensor;

/** An operator without inputs that yields a fixed tensor (ONNX Constant, and ConstantOfShape / Range once built). */
public record ConstantValue(String type, Tensor value) implements Op {
    @Override
    public Tensor[] apply(Tensor[] in, ExecContext ctx) {
        return new Tensor[] {value};
    }
}
