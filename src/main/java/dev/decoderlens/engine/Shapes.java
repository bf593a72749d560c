package dev.decoderlens.engine;

import java.util.StringJoiner;

/** Small helpers on int[] shapes. */
public final class Shapes {
    private Shapes() {
    }

    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + toString(shape));
            }
            n *= d;
        }
        return n;
    }

    /** "(1, 3, 512, 512)". */
    public static String toString(int[] shape) {
        StringJoiner j = new StringJoiner(", ", "(", ")");
        for (int d : shape) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }

    /** "1x3x512x512". */
    public static String compact(int[] shape) {
        StringJoiner j = new StringJoiner("x");
        for (int d : shape) {
            j.add(Integer.toString(d));
        }
        return j.toString();
    }
}
