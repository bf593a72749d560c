package dev.decoderlens.engine.op;

/**
 * The plain matrix product behind Gemm and MatMul: c[m, n] += a[m, k] b[k, n], all row-major at given offsets.
 * Loop order i-k-j over column blocks of b, so the inner loop streams one row of b and one row of c. (The fast
 * convolution GEMM lives in engine.kernel; Gemm and MatMul here are small in the decoders this tool studies.)
 */
final class MatrixMultiply {
    private static final int COLUMN_BLOCK = 512;
    private static final int DEPTH_BLOCK = 128;

    private MatrixMultiply() {
    }

    static void multiplyAdd(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        for (int j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
            int j1 = Math.min(n, j0 + COLUMN_BLOCK);
            for (int p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
                int p1 = Math.min(k, p0 + DEPTH_BLOCK);
                for (int i = 0; i < m; i++) {
                    int ci = cOff + i * n;
                    for (int p = p0; p < p1; p++) {
                        float av = a[aOff + i * k + p];
                        if (av == 0f) {
                            continue;
                        }
                        int bp = bOff + p * n;
                        for (int j = j0; j < j1; j++) {
                            c[ci + j] += av * b[bp + j];
                        }
                    }
                }
            }
        }
    }

    /** The row-major transpose of an (rows, cols) matrix. */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
