package org.jgrad.internal.simd;

import java.util.Arrays;
import org.jgrad.tensor.kernel.GemmArgs;
import org.jgrad.tensor.kernel.Parallel;

/**
 * GEMM on the incubating Vector API: {@code C = op(A)·op(B) + beta·C}, row-major, with op(A) m×k
 * (stored k×m when {@code transA}), op(B) k×n (stored n×k when {@code transB}) and C m×n — the same
 * contract as {@link org.jgrad.tensor.kernel.NaiveGemm}.
 *
 * <p>Packed panels, cache blocking and an 8×(2 vectors) register tile (see Note [GEMM blocking] in
 * GemmBlocking), spread over {@link Parallel} when the problem is large enough. Each element is
 * accumulated by FMA in its own type (float for sgemm) in increasing k order, starting from C's old
 * value when beta is 1 and from zero when beta is 0; other betas scale C first. The order of the
 * sums does not depend on the thread count, so results are bit-identical across thread counts.
 *
 * <p>Loading this class needs {@code --add-modules jdk.incubator.vector}; only a provider should
 * reach it, by reflection, after checking that the module is present.
 */
public final class VectorGemm {
    private VectorGemm() {}

    /** Single precision: {@code C = op(A)·op(B) + beta·C}; {@code beta == 0} ignores C's contents. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                             float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                             float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, false);
    }

    /**
     * {@link #sgemm}, then relu on C's m×n block; the blocked kernel applies it to each part of C
     * right after the thread that computed that part has finished it.
     */
    public static void sgemmRelu(boolean transA, boolean transB, int m, int n, int k,
                                 float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                 float beta, float[] c, int cOff, int ldc) {
        sgemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, true);
    }

    private static void sgemm(boolean transA, boolean transB, int m, int n, int k,
                              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                              float beta, float[] c, int cOff, int ldc, boolean relu) {
        GemmArgs.check("VectorGemm.sgemm", transA, transB, m, n, k,
                a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || (beta != 0f && beta != 1f)) {
            scale(beta, m, n, c, cOff, ldc);
        }
        if (k > 0 && Dots.suits(transA, n, k)) {
            Dots.multiply(transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta == 0f, c, cOff, ldc);
        } else if (k > 0 && ShortWide.suits(m, n)) {
            ShortWide.multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta == 0f, c, cOff, ldc);
        } else if (k > 0) { // the blocked kernel applies the relu itself, slice by slice
            SgemmDriver.forThisThread().multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
                    beta == 0f, relu, c, cOff, ldc, Parallel.threads());
            return;
        }
        if (relu) {
            VectorKernels.reluBlock(c, cOff, ldc, 0, m, 0, n);
        }
    }

    /** Double precision: {@code C = op(A)·op(B) + beta·C}; {@code beta == 0} ignores C's contents. */
    public static void dgemm(boolean transA, boolean transB, int m, int n, int k,
                             double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                             double beta, double[] c, int cOff, int ldc) {
        GemmArgs.check("VectorGemm.dgemm", transA, transB, m, n, k,
                a.length, aOff, lda, b.length, bOff, ldb, c.length, cOff, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || (beta != 0.0 && beta != 1.0)) {
            scale(beta, m, n, c, cOff, ldc);
            if (k == 0) {
                return;
            }
        }
        DgemmDriver.forThisThread().multiply(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb,
                beta == 0.0, c, cOff, ldc, Parallel.threads());
    }

    /** C *= beta, where beta == 0 clears C outright (old NaNs included); the kernel then adds. */
    private static void scale(float beta, int m, int n, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    private static void scale(double beta, int m, int n, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0.0) {
                Arrays.fill(c, row, row + n, 0.0);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }
}
