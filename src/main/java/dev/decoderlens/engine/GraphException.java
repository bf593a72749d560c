package dev.decoderlens.engine;

/** A graph that cannot be built or run: a cycle, a missing tensor, a shape an operator refuses. */
public class GraphException extends RuntimeException {
    public GraphException(String message) {
        super(message);
    }

    public GraphException(String message, Throwable cause) {
        super(message, cause);
    }
}
