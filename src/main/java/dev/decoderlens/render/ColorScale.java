package dev.decoderlens.render;

/**
 * A colour map stretched over a range of values: what one tile, a colour bar or an output picture is drawn with.
 * Build it with {@link #of}, which makes the range symmetric around 0 for a diverging map.
 */
public record ColorScale(ColorMap map, ValueRange range) {

    /** The scale that draws data of range {@code dataRange} with {@code map}. */
    public static ColorScale of(ColorMap map, ValueRange dataRange) {
        return new ColorScale(map, map.drawRange(dataRange));
    }

    /** The opaque ARGB colour of v. A degenerate range draws everything at the low end (the middle when diverging). */
    public int argb(float v) {
        if (!Float.isFinite(v)) {
            return ColorMap.NOT_FINITE_ARGB;
        }
        if (range.degenerate()) {
            return map.argb(map.diverging() ? 0.5 : 0.0);
        }
        return map.argb(range.position(v));
    }
}
