package dev.decoderlens.export;

import dev.decoderlens.render.ColorMap;
import dev.decoderlens.render.Normalization;
import java.util.Objects;

/** How exported pictures are drawn: integer scale (1-8, nearest neighbour), colour map and normalisation. */
public record GridOptions(int scale, ColorMap colorMap, Normalization normalization) {
    public static final GridOptions DEFAULT = new GridOptions(1, ColorMap.VIRIDIS, Normalization.PER_LAYER);

    public GridOptions {
        Objects.requireNonNull(colorMap, "colorMap");
        Objects.requireNonNull(normalization, "normalization");
        if (scale < 1 || scale > 8) {
            throw new IllegalArgumentException("scale must be 1 to 8, got " + scale);
        }
    }
}
