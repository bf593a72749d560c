package dev.decoderlens.engine.op;

/** Explicit spatial padding, in the order of ONNX {@code pads} for 2-D: [top, left, bottom, right]. */
public record Pads(int top, int left, int bottom, int right) {
    public static final Pads ZERO = new Pads(0, 0, 0, 0);

    public static Pads symmetric(int h, int w) {
        return new Pads(h, w, h, w);
    }

    /** From an ONNX pads attribute {@code [top, left, bottom, right]}. */
    public static Pads onnx(long[] p) {
        return new Pads((int) p[0], (int) p[1], (int) p[2], (int) p[3]);
    }
}
