package org.jgrad.tensor.kernel;

/** Placeholder reference GEMM (i-k-j loops); replaced by the tuned reference shortly. */
public final class NaiveGemm {
    private NaiveGemm() {
    }

    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0 ? 0f : c[ci + j] * beta;
            }
            for (int p = 0; p < k; p++) {
                float av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                for (int j = 0; j < n; j++) {
                    float bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    c[ci + j] += av * bv;
                }
            }
        }
    }

    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] = beta == 0 ? 0 : c[ci + j] * beta;
            }
            for (int p = 0; p < k; p++) {
                double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                for (int j = 0; j < n; j++) {
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    c[ci + j] += av * bv;
                }
            }
        }
    }
}
