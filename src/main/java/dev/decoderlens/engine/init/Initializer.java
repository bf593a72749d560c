package dev.decoderlens.engine.init;

import dev.decoderlens.engine.Tensor;

/**
 * Draws the starting weights of one layer, Keras-compatible, from a seed: the same seed gives the same weights on
 * every machine and run. Shapes are in the engine's weight layout, read as (out, in, kH, kW) for the fan rules
 * (see {@link Fans}); a ConvTranspose2D weight (Cin, Cout, kH, kW) then gets Keras's Conv2DTranspose fans.
 */
public interface Initializer {

    /** A new row-major tensor of {@code shape}. */
    Tensor create(int[] shape, long seed);

    /** The Keras name ("glorot_uniform"), or a short description for the kernel-shaped ones. */
    String name();
}
