package dev.decoderlens.engine.kernel;

/**
 * The layout changes between NCHW and NHWC: per batch item, a (rows, cols) matrix becomes (cols, rows). In tiles of
 * 32 x 32 on all cores: a plain element loop writes with a stride of a whole plane and cost as much as a small
 * convolution (about a second for a 256-channel 512x512 activation).
 */
public final class Transpose {
    private static final int TILE = 32;

    private Transpose() {
    }

    /** {@code dst[b][j][i] = src[b][i][j]} for b &lt; n, i &lt; rows, j &lt; cols. */
    public static void batched(float[] src, float[] dst, int n, int rows, int cols) {
        // Tasks split the longer axis: an RGB image has only 3 rows but many pixels.
        boolean splitCols = cols >= rows;
        int tiles = ((splitCols ? cols : rows) + TILE - 1) / TILE;
        Parallel.forEach(n * tiles, task -> {
            int b = task / tiles, t0 = (task % tiles) * TILE, base = b * rows * cols;
            int i0 = splitCols ? 0 : t0, i1 = splitCols ? rows : Math.min(rows, t0 + TILE);
            int j0 = splitCols ? t0 : 0, j1 = splitCols ? Math.min(cols, t0 + TILE) : cols;
            for (int ib = i0; ib < i1; ib += TILE) {
                int ie = Math.min(i1, ib + TILE);
                for (int jb = j0; jb < j1; jb += TILE) {
                    int je = Math.min(j1, jb + TILE);
                    for (int j = jb; j < je; j++) {
                        int d = base + j * rows;
                        for (int i = ib; i < ie; i++) {
                            dst[d + i] = src[base + i * cols + j];
                        }
                    }
                }
            }
        });
    }
}
