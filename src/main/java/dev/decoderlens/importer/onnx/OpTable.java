package dev.decoderlens.importer.onnx;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The ONNX operators DecoderLens imports: operator name to builder, for the default (ai.onnx) domain. */
final class OpTable {
    /** Operators that only rename a tensor at inference time; the importer removes them. */
    static final Set<String> PASS_THROUGH = Set.of("Identity", "Dropout");

    /** Operators that compute all of their node's outputs; the others compute only the first. */
    static final Set<String> MULTI_OUTPUT = Set.of("Split");

    private static final Map<String, OpBuilder> BUILDERS = build();

    private OpTable() {
    }

    private static Map<String, OpBuilder> build() {
        Map<String, OpBuilder> t = new TreeMap<>();
        ConvBuilders.register(t);
        PoolBuilders.register(t);
        ActivationBuilders.register(t);
        MathBuilders.register(t);
        ShapeBuilders.register(t);
        NormBuilders.register(t);
        SpatialBuilders.register(t);
        return Collections.unmodifiableMap(t);
    }

    static OpBuilder get(String opType) {
        return BUILDERS.get(opType);
    }

    /** Every supported operator name, sorted (for messages and docs). */
    static Set<String> supported() {
        Set<String> all = new java.util.TreeSet<>(BUILDERS.keySet());
        all.addAll(PASS_THROUGH);
        return all;
    }
}
