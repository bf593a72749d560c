package dev.decoderlens.engine;

import java.util.Set;

/** Which tensors a run keeps in its trace besides the graph outputs. */
public sealed interface Taps {
    /** Keep every node output (what the activation grids need). */
    Taps ALL = new All();
    /** Keep only the graph outputs. */
    Taps OUTPUTS = new Named(Set.of());

    boolean keeps(String tensor);

    static Taps named(Set<String> names) {
        return new Named(Set.copyOf(names));
    }

    record All() implements Taps {
        @Override
        public boolean keeps(String tensor) {
            return true;
        }
    }

    record Named(Set<String> names) implements Taps {
        @Override
        public boolean keeps(String tensor) {
            return names.contains(tensor);
        }
    }
}
