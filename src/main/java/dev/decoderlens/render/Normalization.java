package dev.decoderlens.render;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which values one colour scale is stretched over. */
public enum Normalization {
    /** Each filter over its own min..max: shows every filter's pattern, hides how strong it is. */
    PER_FILTER("filter"),
    /** All filters of the layer over the layer's min..max: strong and weak filters stay comparable. */
    PER_LAYER("layer"),
    /** Both paths' layers over one range: path A and path B stay comparable pixel for pixel. */
    SHARED("shared");

    private final String id;

    Normalization(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Normalization parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Normalization m : values()) {
            if (m.id.equals(n) || m.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown normalisation '" + name + "' (known: "
                + Arrays.stream(values()).map(Normalization::id).collect(Collectors.joining(", ")) + ")");
    }
}
