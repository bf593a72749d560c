package dev.decoderlens.importer.onnx;

import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;
import java.util.Arrays;

/** Elementwise comparison |actual - expected| <= atol + rtol |expected|, reporting the worst element. */
public final class Tolerance {
    private Tolerance() {
    }

    /** Null when within tolerance, else a one-line description of the mismatch. */
    public static String compare(Tensor actual, Tensor expected, double atol, double rtol) {
        int[] as = actual.shape();
        int[] es = expected.shape();
        if (!Arrays.equals(squeezeLeadingOnes(as), squeezeLeadingOnes(es))) {
            return "shape " + Shapes.toString(as) + ", expected " + Shapes.toString(es);
        }
        float[] a = actual.toRowMajor().data();
        float[] e = expected.toRowMajor().data();
        int worst = -1;
        double worstExcess = 0;
        int bad = 0;
        for (int i = 0; i < a.length; i++) {
            double diff = Math.abs((double) a[i] - e[i]);
            double allowed = atol + rtol * Math.abs(e[i]);
            boolean ok = diff <= allowed || (Float.isNaN(a[i]) && Float.isNaN(e[i])) || a[i] == e[i];
            if (!ok) {
                bad++;
                double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / allowed;
                if (worst < 0 || excess > worstExcess) {
                    worst = i;
                    worstExcess = excess;
                }
            }
        }
        if (bad == 0) {
            return null;
        }
        return bad + " of " + a.length + " values out of tolerance; worst at flat index " + worst + ": got " + a[worst]
                + ", expected " + e[worst];
    }

    /** Rank-0 vs (1,) and similar differences of leading unit dimensions are not mismatches. */
    private static int[] squeezeLeadingOnes(int[] s) {
        int k = 0;
        while (k < s.length - 1 && s[k] == 1) {
            k++;
        }
        return Arrays.copyOfRange(s, k, s.length);
    }
}
