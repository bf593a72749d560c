package dev.decoderlens.export;

import dev.decoderlens.experiment.ExperimentResult;
import dev.decoderlens.experiment.ExperimentSettings.Side;
import dev.decoderlens.experiment.NetworkRun;
import java.util.Locale;

/** One of the three networks of a study run: the shared encoder and the two decoder paths. */
public enum Branch {
    ENCODER("encoder", "encoder"),
    A("A", "path A"),
    B("B", "path B");

    private final String id;
    private final String label;

    Branch(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The prefix of exported file names: "A-deconv1.png". */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public NetworkRun run(ExperimentResult r) {
        return switch (this) {
            case ENCODER -> r.encoder();
            case A -> r.pathA();
            case B -> r.pathB();
        };
    }

    /** The decoder side, or null for the encoder. */
    public Side side() {
        return switch (this) {
            case ENCODER -> null;
            case A -> Side.A;
            case B -> Side.B;
        };
    }

    public static Branch of(Side side) {
        return side == Side.A ? A : B;
    }

    public static Branch parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "encoder" -> ENCODER;
            case "a", "path-a", "patha" -> A;
            case "b", "path-b", "pathb" -> B;
            default -> throw new IllegalArgumentException("unknown network '" + s + "' (encoder, A, B)");
        };
    }
}
