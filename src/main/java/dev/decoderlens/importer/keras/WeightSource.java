package dev.decoderlens.importer.keras;

import dev.decoderlens.importer.ImportException;
import java.util.List;

/** The saved weight arrays of each layer, in the order the layer created them (kernel before bias, ...). */
@FunctionalInterface
interface WeightSource {
    /** The arrays of {@code layer}; empty when the layer has none. */
    List<WeightArray> of(LayerConfig layer) throws ImportException;

    WeightSource NONE = layer -> List.of();
}
