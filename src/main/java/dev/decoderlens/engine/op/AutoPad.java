package dev.decoderlens.engine.op;

/**
 * How padding is chosen. {@code SAME_UPPER} puts the odd pixel at the end (bottom/right): that is what Keras and
 * TensorFlow call {@code same}; {@code SAME_LOWER} puts it at the start.
 */
public enum AutoPad {
    NOTSET, VALID, SAME_UPPER, SAME_LOWER
}
