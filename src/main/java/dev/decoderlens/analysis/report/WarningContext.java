package dev.decoderlens.analysis.report;

import dev.decoderlens.io.InputScaling;

/**
 * What the warning texts need to know beyond the numbers: how the input was scaled (to blame raw 0..255 input
 * for a saturated sigmoid), and whether the layer is a path's output (named "output" in the texts).
 */
record WarningContext(InputScaling scaling, boolean output) {
}
