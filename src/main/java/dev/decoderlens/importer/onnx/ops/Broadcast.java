package dev.decoderlens.importer.onnx.ops;

import dev.decoderlens.engine.Shapes;

/** Numpy broadcasting of shapes, and the index map from an output position to an input's storage offset. */
public final class Broadcast {
    private Broadcast() {
    }

    /** The broadcast of two shapes, right-aligned; a dimension of 1 stretches. */
    static int[] shape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = dimFromRight(a, rank - 1 - i);
            int db = dimFromRight(b, rank - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Shapes.toString(a) + " and " + Shapes.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private static int dimFromRight(int[] s, int k) {
        int i = s.length - 1 - k;
        return i >= 0 ? s[i] : 1;
    }

    /** More values than this in one tensor built from a file's shape numbers means a damaged file. */
    public static final long MAX_VALUES = 1L << 28;

    /** The size of a shape taken from the file, refused when absurdly large. */
    public static int checkedSize(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Shapes.toString(shape));
            }
            n *= d;
            if (n > MAX_VALUES) { // checked per factor, so the product cannot overflow first
                throw new IllegalArgumentException("shape " + Shapes.toString(shape) + " holds more than " + MAX_VALUES + " values");
            }
        }
        return (int) n;
    }

    /**
     * For every position of {@code out} (row-major), the row-major offset in a tensor of shape {@code in} that
     * broadcasts to it.
     */
    static int[] sourceOffsets(int[] in, int[] out) {
        int rank = out.length;
        int[] strides = new int[rank]; // 0 where the input dimension is stretched
        int s = 1;
        for (int i = rank - 1; i >= 0; i--) {
            int k = i - (rank - in.length);
            int d = k >= 0 ? in[k] : 1;
            strides[i] = d == 1 ? 0 : s;
            s *= d;
        }
        int n = checkedSize(out);
        int[] map = new int[n];
        int[] idx = new int[rank];
        int off = 0;
        for (int p = 0; p < n; p++) {
            map[p] = off;
            for (int a = rank - 1; a >= 0; a--) {
                idx[a]++;
                off += strides[a];
                if (idx[a] < out[a]) {
                    break;
                }
                off -= strides[a] * idx[a];
                idx[a] = 0;
            }
        }
        return map;
    }
}
