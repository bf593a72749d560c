package dev.decoderlens.engine;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Cooperative cancellation: checked between nodes and between blocks of work inside long operators. */
@FunctionalInterface
public interface CancellationToken {
    CancellationToken NONE = () -> false;

    boolean isCancelled();

    /** Throws {@link CancellationException} when cancelled. */
    default void check() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    static CancellationToken of(BooleanSupplier s) {
        return s::getAsBoolean;
    }
}
