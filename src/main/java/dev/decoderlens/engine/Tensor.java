package dev.decoderlens.engine;

import dev.decoderlens.engine.kernel.Transpose;
import java.util.Arrays;

/**
 * A float32 tensor: a logical shape and its values.
 *
 * <p>The logical shape follows ONNX: a rank-4 image tensor is (N, C, H, W) whatever framework it came from.
 * The storage order is the engine's choice: {@link Layout#NHWC} (channels last) for rank-4 activations, because
 * the fastest convolution kernels measured on this machine read channels contiguously; {@link Layout#ROW_MAJOR}
 * (plain C order of the logical shape) for everything else. Operators that care about storage ask for the layout
 * they want ({@link #toNhwc()}, {@link #toRowMajor()}); both return {@code this} when nothing needs to move.
 *
 * <p>Tensors are treated as immutable once an operator has returned them: the executor may hand the same tensor
 * to several consumers and to the trace.
 *
 * <p>A tensor may be {@linkplain #derived derived}: its values are computed from another tensor the first time
 * they are read. The executor uses this for an upsampled image that only the window's grids read (the convolution
 * after it ran on the image before upsampling): a 268 MB copy is then made when the grid is shown, not on every
 * run.
 */
public final class Tensor {
    private final int[] shape;
    private volatile float[] data;
    private final Layout layout;
    /** Until the values of a derived tensor are computed: what they come from, and how. */
    private Tensor base;
    private java.util.function.Function<Tensor, float[]> derive;
    /** For a derived nearest-neighbour enlargement of {@link #base}: its whole factors (0 otherwise). */
    private final int enlargeH, enlargeW;

    /**
     * A nearest-neighbour enlargement by whole factors whose values were not computed: pixel (y, x) of every map is
     * pixel (y / fH, x / fW) of {@code source}. Readers that only need ranges or blocks of pixels (the grids) read
     * the source instead of computing fH x fW times as many values.
     */
    public record Enlargement(Tensor source, int fH, int fW) {
    }

    public Tensor(int[] shape, float[] data, Layout layout) {
        this.shape = shape.clone();
        this.data = data;
        this.layout = layout;
        this.enlargeH = 0;
        this.enlargeW = 0;
        long n = Shapes.size(shape);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Shapes.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
        if (layout == Layout.NHWC && shape.length != 4) {
            throw new IllegalArgumentException("NHWC storage needs a rank-4 shape, got " + Shapes.toString(shape));
        }
    }

    private Tensor(int[] shape, Layout layout, Tensor base, java.util.function.Function<Tensor, float[]> derive, int fH, int fW) {
        this.shape = shape.clone();
        this.layout = layout;
        this.base = base;
        this.derive = derive;
        this.enlargeH = fH;
        this.enlargeW = fW;
        if (layout == Layout.NHWC && shape.length != 4) {
            throw new IllegalArgumentException("NHWC storage needs a rank-4 shape, got " + Shapes.toString(shape));
        }
    }

    /**
     * A tensor whose values {@code derive} computes from {@code base} when they are first read (once, whichever
     * thread reads first). {@code derive} must return an array of exactly this shape's size in this layout.
     */
    public static Tensor derived(int[] shape, Layout layout, Tensor base, java.util.function.Function<Tensor, float[]> derive) {
        return new Tensor(shape, layout, base, derive, 0, 0);
    }

    /**
     * A derived (N, C, H * fH, W * fW) tensor, stored channels last, that is {@code source} enlarged by nearest
     * neighbours: {@code derive} must compute exactly that. Until it is read, {@link #pendingEnlargement} says so.
     */
    public static Tensor enlarged(Tensor source, int fH, int fW, java.util.function.Function<Tensor, float[]> derive) {
        if (source.rank() != 4 || fH < 1 || fW < 1) {
            throw new IllegalArgumentException("an enlargement needs a rank-4 source and whole factors, got " + source + " by " + fH + "x" + fW);
        }
        int[] s = source.shape;
        return new Tensor(new int[] {s[0], s[1], s[2] * fH, s[3] * fW}, Layout.NHWC, source, derive, fH, fW);
    }

    /** A row-major (C order) tensor. */
    public static Tensor of(int[] shape, float[] data) {
        return new Tensor(shape, data, Layout.ROW_MAJOR);
    }

    public static Tensor zeros(int... shape) {
        return of(shape, new float[Math.toIntExact(Shapes.size(shape))]);
    }

    /** A rank-4 tensor of logical shape (n, c, h, w) stored channels last. */
    public static Tensor nhwc(int n, int c, int h, int w, float[] data) {
        return new Tensor(new int[] {n, c, h, w}, data, Layout.NHWC);
    }

    public static Tensor scalar(float v) {
        return of(new int[0], new float[] {v});
    }

    /** The logical shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    public int size() {
        return Math.toIntExact(Shapes.size(shape));
    }

    /**
     * The raw storage, in {@link #layout()} order (computed now if this tensor is derived and was never read). Do
     * not write into a tensor that an operator returned.
     */
    public float[] data() {
        float[] d = data;
        return d != null ? d : materialize();
    }

    private synchronized float[] materialize() {
        if (data == null) {
            float[] d = derive.apply(base);
            if (d.length != size()) {
                throw new IllegalStateException("derived values: " + d.length + " for shape " + Shapes.toString(shape));
            }
            data = d;
            base = null;
            derive = null;
        }
        return data;
    }

    /**
     * The smaller image and factors of an {@linkplain #enlarged enlargement} whose values were never computed, else
     * null (also once they were: then the source may be gone). Never computes anything.
     */
    public Enlargement pendingEnlargement() {
        Tensor b = base; // read before data, as in holds()
        return data == null && b != null && enlargeH > 0 ? new Enlargement(b, enlargeH, enlargeW) : null;
    }

    /** Whether the values exist yet (always, except for a derived tensor never read). */
    public boolean materialized() {
        return data != null;
    }

    /**
     * Whether this tensor's storage is {@code array}, or, while derived values are not computed yet, whether the
     * tensor they come from holds it (its storage must then not be reused). Never computes anything.
     */
    public boolean holds(float[] array) {
        Tensor b = base; // read before data: materialize() sets data first, then clears base
        float[] d = data;
        if (d != null) {
            return d == array;
        }
        return b != null && b.holds(array);
    }

    public Layout layout() {
        return layout;
    }

    /** The same values stored channels last. Rank 4 only. */
    public Tensor toNhwc() {
        if (layout == Layout.NHWC) {
            return this;
        }
        if (shape.length != 4) {
            throw new IllegalStateException("channels-last storage needs rank 4, got " + Shapes.toString(shape));
        }
        float[] out = new float[size()];
        Transpose.batched(data(), out, shape[0], shape[1], shape[2] * shape[3]);
        return new Tensor(shape, out, Layout.NHWC);
    }

    /** The same values in plain C order of the logical shape (NCHW for rank 4). */
    public Tensor toRowMajor() {
        if (layout == Layout.ROW_MAJOR) {
            return this;
        }
        float[] out = new float[size()];
        Transpose.batched(data(), out, shape[0], shape[2] * shape[3], shape[1]);
        return new Tensor(shape, out, Layout.ROW_MAJOR);
    }

    /** A row-major tensor with the same values and another shape of the same size. */
    public Tensor reshape(int... newShape) {
        Tensor rm = toRowMajor();
        return new Tensor(newShape, rm.data(), Layout.ROW_MAJOR);
    }

    /** The value at a logical index, whatever the storage. Slow: for tests and tooltips, not for kernels. */
    public float get(int... index) {
        return data()[offset(index)];
    }

    /** The storage offset of a logical index. */
    public int offset(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index rank " + index.length + " for shape " + Shapes.toString(shape));
        }
        if (layout == Layout.NHWC) {
            int n = index[0], c = index[1], y = index[2], x = index[3];
            return ((n * shape[2] + y) * shape[3] + x) * shape[1] + c;
        }
        int off = 0;
        for (int i = 0; i < shape.length; i++) {
            off = off * shape[i] + index[i];
        }
        return off;
    }

    /**
     * One channel's (H, W) map of batch item {@code n}, copied into {@code dst} (length H*W, row-major).
     * This is what the renderer needs for one tile, without converting the whole tensor.
     */
    public float[] channelMap(int n, int c, float[] dst) {
        if (shape.length != 4) {
            throw new IllegalStateException("channel maps need rank 4, got " + Shapes.toString(shape));
        }
        int ch = shape[1], h = shape[2], w = shape[3], hw = h * w;
        if (dst == null || dst.length != hw) {
            dst = new float[hw];
        }
        float[] values = data();
        if (layout == Layout.NHWC) {
            int first = n * hw * ch + c;
            for (int p = 0; p < hw; p++) {
                dst[p] = values[first + p * ch];
            }
        } else {
            System.arraycopy(values, (n * ch + c) * hw, dst, 0, hw);
        }
        return dst;
    }

    @Override
    public String toString() {
        return "Tensor" + Shapes.toString(shape) + (layout == Layout.NHWC ? " nhwc" : "");
    }

    /** Values equal in logical order (storage may differ). For tests. */
    public boolean sameValues(Tensor other) {
        return Arrays.equals(shape, other.shape) && Arrays.equals(toRowMajor().data(), other.toRowMajor().data());
    }
}
