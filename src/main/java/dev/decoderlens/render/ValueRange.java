package dev.decoderlens.render;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/**
 * A closed range of values [min, max] that a colour map spreads over. Non-finite values (NaN, infinities) never
 * widen a range: one overflowing pixel must not wash out a whole layer. {@link #EMPTY} is the range of nothing.
 */
public record ValueRange(float min, float max) {
    public static final ValueRange EMPTY = new ValueRange(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY);

    public boolean isEmpty() {
        return !(min <= max);
    }

    /** True when the range holds one value (or none): every value maps to one colour. */
    public boolean degenerate() {
        return !(min < max);
    }

    /** Where v lies in this range, 0 at min and 1 at max, unclamped; 0 for a degenerate range (as matplotlib). */
    public double position(float v) {
        if (degenerate()) {
            return 0;
        }
        return ((double) v - min) / ((double) max - min);
    }

    /** The smallest range holding both. */
    public ValueRange union(ValueRange o) {
        if (o.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return o;
        }
        return new ValueRange(Math.min(min, o.min), Math.max(max, o.max));
    }

    /** [-m, m] with m = max(|min|, |max|), so that 0 sits in the middle of a diverging colour map. */
    public ValueRange symmetric() {
        if (isEmpty()) {
            return this;
        }
        float m = Math.max(Math.abs(min), Math.abs(max));
        return new ValueRange(-m, m);
    }

    public static ValueRange of(float[] values) {
        return of(values, 0, values.length);
    }

    public static ValueRange of(float[] values, int from, int to) {
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (Float.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return lo <= hi ? new ValueRange(lo, hi) : EMPTY;
    }

    /** The range of every value of a tensor (all batch items). */
    public static ValueRange of(Tensor t) {
        Tensor.Enlargement e = t.pendingEnlargement();
        return e != null ? of(e.source()) : of(t.data()); // an enlargement repeats every value of its source
    }

    /** One range per channel of batch item n of a rank-4 (N, C, H, W) tensor, in one pass over its storage. */
    public static ValueRange[] perChannel(Tensor t, int n) {
        if (t.rank() != 4) {
            throw new IllegalArgumentException("per-channel ranges need a rank-4 tensor, got " + t);
        }
        Tensor.Enlargement e = t.pendingEnlargement();
        if (e != null) {
            return perChannel(e.source(), n);
        }
        int c = t.dim(1), hw = t.dim(2) * t.dim(3);
        float[] lo = new float[c], hi = new float[c];
        Arrays.fill(lo, Float.POSITIVE_INFINITY);
        Arrays.fill(hi, Float.NEGATIVE_INFINITY);
        float[] d = t.data();
        if (t.layout() == Layout.NHWC) {
            // storage: (H*W, C) rows for item n
            for (int p = 0, o = n * hw * c; p < hw; p++, o += c) {
                for (int ch = 0; ch < c; ch++) {
                    float v = d[o + ch];
                    if (Float.isFinite(v)) {
                        lo[ch] = Math.min(lo[ch], v);
                        hi[ch] = Math.max(hi[ch], v);
                    }
                }
            }
        } else {
            for (int ch = 0; ch < c; ch++) {
                ValueRange r = of(d, (n * c + ch) * hw, (n * c + ch + 1) * hw);
                lo[ch] = r.min;
                hi[ch] = r.max;
            }
        }
        ValueRange[] out = new ValueRange[c];
        for (int ch = 0; ch < c; ch++) {
            out[ch] = lo[ch] <= hi[ch] ? new ValueRange(lo[ch], hi[ch]) : EMPTY;
        }
        return out;
    }

    @Override
    public String toString() {
        return isEmpty() ? "[empty]" : "[" + min + ", " + max + "]";
    }
}
