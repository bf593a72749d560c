package dev.decoderlens.engine;

/** How a tensor's values are laid out in its array. The logical shape is the same either way. */
public enum Layout {
    /** C order of the logical shape: for rank 4, (N, C, H, W). */
    ROW_MAJOR,
    /** Channels last: a logical (N, C, H, W) tensor stored as (N, H, W, C). */
    NHWC
}
