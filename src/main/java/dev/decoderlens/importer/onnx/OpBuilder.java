package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Op;

/**
 * Turns one ONNX node into an engine operator. Inputs the builder reads with {@link NodeContext#param} are baked
 * into the operator; the remaining inputs, in their order, become the operator's run-time inputs. A builder refuses
 * an attribute it cannot honour with an {@link IllegalArgumentException} whose message says what and why.
 */
@FunctionalInterface
interface OpBuilder {
    Op build(NodeContext node);
}
