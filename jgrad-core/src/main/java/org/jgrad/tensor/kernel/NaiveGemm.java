package org.jgrad.tensor.kernel;

/**
 * The reference GEMM: plain loops, correct above all. Computes {@code C = op(A)·op(B) + beta·C}
 * in row-major storage, with op(A) m×k (stored k×m when {@code transA}), op(B) k×n (stored n×k
 * when {@code transB}) and C m×n. See {@link GemmArgs} for the layout conventions.
 *
 * <p>{@code beta == 0} ignores C's old contents, NaN included. Each element of C is accumulated
 * over k in increasing order in the element type (float for {@code sgemm}, as the fast kernel
 * does), starting from zero, and only then combined with {@code beta·C}.
 *
 * <p>The loop order is i-p-j (row of C, then k, then column) over a row accumulator, so the inner
 * loop walks B and C contiguously; a transposed B is read through a column stride instead.
 */
public final class NaiveGemm {
    private NaiveGemm() {}

    /** Single precision: {@code C = op(A)·op(B) + beta·C}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        GemmArgs.check("NaiveGemm.sgemm", transA, transB, m, n, k,
                a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        // Element strides of op(A) and op(B): moving one step along a row and one step down a column.
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        float[] acc = new float[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * bRow;
                for (int j = 0; j < n; j++) {
                    acc[j] += aip * b[bp + j * bCol];
                }
            }
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0f ? acc[j] : acc[j] + beta * c[ci + j];
            }
        }
    }

    /** Double precision: {@code C = op(A)·op(B) + beta·C}. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        GemmArgs.check("NaiveGemm.dgemm", transA, transB, m, n, k,
                a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        int aRow = transA ? 1 : lda, aCol = transA ? lda : 1;
        int bRow = transB ? 1 : ldb, bCol = transB ? ldb : 1;
        double[] acc = new double[n];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int p = 0; p < k; p++) {
                double aip = a[aOff + i * aRow + p * aCol];
                int bp = bOff + p * bRow;
                for (int j = 0; j < n; j++) {
                    acc[j] += aip * b[bp + j * bCol];
                }
            }
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0.0 ? acc[j] : acc[j] + beta * c[ci + j];
            }
        }
    }
}
