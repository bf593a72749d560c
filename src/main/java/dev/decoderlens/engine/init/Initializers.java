package dev.decoderlens.engine.init;

import dev.decoderlens.engine.init.VarianceScaling.Distribution;
import dev.decoderlens.engine.init.VarianceScaling.Mode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The initialisers by Keras name: snake_case ("he_normal") or class name ("HeNormal"), as they appear in a Keras
 * config. Defaults are Keras's: glorot_uniform; truncated_normal, random_normal stddev 0.05; random_uniform
 * ±0.05; constant 0; icnr over glorot_uniform, scale 2, CRD.
 */
public final class Initializers {
    private static final Map<String, Supplier<Initializer>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("glorot_uniform", Initializers::glorotUniform);
        BY_NAME.put("glorot_normal", () -> new VarianceScaling(1, Mode.FAN_AVG, Distribution.TRUNCATED_NORMAL, "glorot_normal"));
        BY_NAME.put("he_uniform", () -> new VarianceScaling(2, Mode.FAN_IN, Distribution.UNIFORM, "he_uniform"));
        BY_NAME.put("he_normal", () -> new VarianceScaling(2, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, "he_normal"));
        BY_NAME.put("lecun_uniform", () -> new VarianceScaling(1, Mode.FAN_IN, Distribution.UNIFORM, "lecun_uniform"));
        BY_NAME.put("lecun_normal", () -> new VarianceScaling(1, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, "lecun_normal"));
        BY_NAME.put("variance_scaling", () -> new VarianceScaling(1, Mode.FAN_IN, Distribution.TRUNCATED_NORMAL, null));
        BY_NAME.put("zeros", () -> new Constant(0f));
        BY_NAME.put("ones", () -> new Constant(1f));
        BY_NAME.put("constant", () -> new Constant(0f));
        BY_NAME.put("truncated_normal", () -> new RandomDistribution(RandomDistribution.Kind.TRUNCATED_NORMAL, 0, 0.05));
        BY_NAME.put("random_normal", () -> new RandomDistribution(RandomDistribution.Kind.NORMAL, 0, 0.05));
        BY_NAME.put("random_uniform", () -> new RandomDistribution(RandomDistribution.Kind.UNIFORM, -0.05, 0.05));
        BY_NAME.put("bilinear", BilinearKernel::new);
        BY_NAME.put("icnr", () -> new Icnr(glorotUniform(), 2, true));
    }

    private Initializers() {
    }

    /** Keras's default kernel initialiser. */
    public static Initializer glorotUniform() {
        return new VarianceScaling(1, Mode.FAN_AVG, Distribution.UNIFORM, "glorot_uniform");
    }

    /**
     * The initialiser with this Keras name. Case, underscores and a trailing "Initializer" are ignored, so
     * "HeNormal", "he_normal" and "he-normal" agree; Keras 1 aliases "normal"/"uniform" map to random_*.
     */
    public static Initializer named(String name) {
        if (name == null) {
            throw new IllegalArgumentException("no initialiser name given");
        }
        String key = normalise(name);
        for (Map.Entry<String, Supplier<Initializer>> e : BY_NAME.entrySet()) {
            if (normalise(e.getKey()).equals(key)) {
                return e.getValue().get();
            }
        }
        return switch (key) {
            case "normal" -> BY_NAME.get("random_normal").get();
            case "uniform" -> BY_NAME.get("random_uniform").get();
            case "zero" -> new Constant(0f);
            case "one" -> new Constant(1f);
            default -> throw new IllegalArgumentException("unknown initialiser '" + name + "'; known: " + String.join(", ", BY_NAME.keySet()));
        };
    }

    /** The names {@link #named} knows, in a stable order (for menus). */
    public static java.util.List<String> names() {
        return java.util.List.copyOf(BY_NAME.keySet());
    }

    private static String normalise(String s) {
        String k = s.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
        return k.endsWith("initializer") ? k.substring(0, k.length() - "initializer".length()) : k;
    }
}
