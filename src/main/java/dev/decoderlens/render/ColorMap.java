package dev.decoderlens.render;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The colour maps activations are drawn with: 256-entry tables taken from matplotlib's published ones (viridis and
 * magma by Smith, van der Walt and Firing; RdBu is ColorBrewer's 11-class diverging scheme as matplotlib
 * interpolates it). {@code scripts/make_colormaps.py} wrote the tables under {@code resources/.../colormaps}.
 *
 * <p>Lookup follows matplotlib: {@code index = min(255, floor(256 t))} for t in [0, 1], values outside clamp to
 * the ends, so a PNG from here and a matplotlib figure of the same numbers have the same colours.
 */
public enum ColorMap {
    VIRIDIS("viridis", false, "perceptually uniform, dark blue (low) to yellow (high)"),
    MAGMA("magma", false, "perceptually uniform, black (low) to light yellow (high)"),
    GRAY("gray", false, "black (low) to white (high)"),
    RDBU("rdbu", true, "diverging for signed values: red (negative), white (0), blue (positive)");

    /** Drawn for NaN and infinite values, which no normalisation can place (matplotlib's "bad" colour is blank). */
    public static final int NOT_FINITE_ARGB = 0xFFFF00FF;

    private final String id;
    private final boolean diverging;
    private final String description;
    private volatile int[] table;

    ColorMap(String id, boolean diverging, String description) {
        this.id = id;
        this.diverging = diverging;
        this.description = description;
    }

    /** The name used on the command line, in sessions and sidecars. */
    public String id() {
        return id;
    }

    /** True for maps meant for signed data: their ranges are made symmetric around 0 so white means 0. */
    public boolean diverging() {
        return diverging;
    }

    public String description() {
        return description;
    }

    /** The opaque ARGB colour at position t of the map (0 = low end, 1 = high end); NaN gives {@link #NOT_FINITE_ARGB}. */
    public int argb(double t) {
        if (Double.isNaN(t)) {
            return NOT_FINITE_ARGB;
        }
        int i = t <= 0 ? 0 : t >= 1 ? 255 : Math.min(255, (int) (t * 256));
        return lut()[i];
    }

    /** The range this map draws values of range r over: r itself, or symmetric around 0 for a diverging map. */
    public ValueRange drawRange(ValueRange r) {
        return diverging ? r.symmetric() : r;
    }

    /** The 256 opaque ARGB entries (a copy). */
    public int[] table() {
        return lut().clone();
    }

    private int[] lut() {
        int[] t = table;
        if (t == null) {
            t = load();
            table = t;
        }
        return t;
    }

    private int[] load() {
        String res = "colormaps/" + id + ".txt";
        try (InputStream in = ColorMap.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IllegalStateException("colour map table " + res + " is missing from the build");
            }
            int[] lut = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines()
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .mapToInt(l -> 0xFF000000 | Integer.parseInt(l, 16))
                    .toArray();
            if (lut.length != 256) {
                throw new IllegalStateException("colour map table " + res + " has " + lut.length + " entries, not 256");
            }
            return lut;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The map named {@code name} (case-insensitive: viridis, magma, gray/grey, rdbu). */
    public static ColorMap parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("grey")) {
            n = "gray";
        }
        for (ColorMap m : values()) {
            if (m.id.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown colour map '" + name + "' (known: " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(ColorMap::id).collect(Collectors.joining(", "));
    }
}
