package dev.decoderlens.importer.onnx;

import dev.decoderlens.importer.ImportException;
import java.util.List;

/** The model uses operators the importer does not know; {@link #operators()} lists them (first one first). */
public final class UnsupportedOperatorException extends ImportException {
    private final List<String> operators;

    UnsupportedOperatorException(String message, List<String> operators) {
        super(message);
        this.operators = List.copyOf(operators);
    }

    public List<String> operators() {
        return operators;
    }
}
