package dev.decoderlens.engine.op;

import dev.decoderlens.engine.Layout;
import dev.decoderlens.engine.Shapes;
import dev.decoderlens.engine.Tensor;

/**
 * The one copy loop behind Transpose, Slice, Pad and DepthToSpace: every output element (row-major over
 * {@code outShape}) reads {@code src[sum over axes of table[axis][index on that axis]]}, or {@code fill} when any
 * table entry is negative. Each op only builds its per-axis offset tables; reading NHWC storage directly is a
 * matter of using {@link #strides(Tensor)}.
 */
final class StridedGather {
    private StridedGather() {
    }

    /** Storage strides of each logical axis: row-major, or for NHWC (N, C, H, W) -> (HWC, 1, WC, C). */
    static int[] strides(Tensor t) {
        int[] s = t.shape();
        if (t.layout() == Layout.NHWC) {
            int c = s[1], h = s[2], w = s[3];
            return new int[] {h * w * c, 1, w * c, c};
        }
        int[] st = new int[s.length];
        int stride = 1;
        for (int i = s.length - 1; i >= 0; i--) {
            st[i] = stride;
            stride *= s[i];
        }
        return st;
    }

    /** A table reading indices start, start + step, ... of an axis with storage stride {@code stride}. */
    static int[] linear(int count, int start, int step, int stride) {
        int[] t = new int[count];
        for (int o = 0; o < count; o++) {
            t[o] = (start + o * step) * stride;
        }
        return t;
    }

    static float[] gather(float[] src, int[][] table, int[] outShape, float fill) {
        int r = outShape.length;
        float[] dst = new float[Math.toIntExact(Shapes.size(outShape))];
        if (dst.length == 0) {
            return dst;
        }
        if (r == 0) {
            dst[0] = src[0];
            return dst;
        }
        int inner = outShape[r - 1];
        int[] last = table[r - 1];
        int[] idx = new int[r];
        for (int o = 0; o < dst.length; o += inner) {
            int base = 0;
            boolean fillRow = false;
            for (int d = 0; d < r - 1; d++) {
                int t = table[d][idx[d]];
                fillRow |= t < 0;
                base += t;
            }
            if (fillRow) {
                java.util.Arrays.fill(dst, o, o + inner, fill);
            } else {
                for (int j = 0; j < inner; j++) {
                    int t = last[j];
                    dst[o + j] = t < 0 ? fill : src[base + t];
                }
            }
            for (int d = r - 2; d >= 0 && ++idx[d] == outShape[d]; d--) {
                idx[d] = 0;
            }
        }
        return dst;
    }
}
