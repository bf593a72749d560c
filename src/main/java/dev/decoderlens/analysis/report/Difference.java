package dev.decoderlens.analysis.report;

import dev.decoderlens.analysis.MapStats;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import java.util.Optional;

/**
 * The difference of the two paths' outputs, A - B and |A - B|, when their shapes match: (1, C, H, W) row-major
 * tensors for the renderer's diverging colour map, with their statistics.
 */
public record Difference(Tensor signed, Tensor absolute, MapStats signedStats, MapStats absoluteStats) {

    /** The difference, or empty when the shapes differ ({@link #mismatch} says why). */
    public static Optional<Difference> of(Tensor a, Tensor b) {
        if (mismatch(a, b) != null) {
            return Optional.empty();
        }
        float[] x = a.toRowMajor().data(), y = b.toRowMajor().data();
        float[] d = new float[x.length], ad = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i] - y[i];
            ad[i] = Math.abs(d[i]);
        }
        int[] shape = a.shape();
        return Optional.of(new Difference(Tensor.of(shape, d), Tensor.of(shape, ad), MapStats.of(d), MapStats.of(ad)));
    }

    /** Why there is no difference map, or null when there is one. */
    public static String mismatch(Tensor a, Tensor b) {
        if (java.util.Arrays.equals(a.shape(), b.shape())) {
            return null;
        }
        return "path A gives " + Shapes.compact(tail(a)) + " and path B " + Shapes.compact(tail(b)) + ": no difference map";
    }

    private static int[] tail(Tensor t) {
        int[] s = t.shape();
        return s.length == 4 ? new int[] {s[1], s[2], s[3]} : s;
    }
}
