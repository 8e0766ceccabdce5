package org.jgrad.internal.simd;

import static org.jgrad.internal.simd.SgemmMicroKernel.MR;

import org.jgrad.tensor.kernel.Parallel;

/**
 * A C of a little over one row panel (MR &lt; m &lt; 2·MR rows) and many columns, such as the
 * MLP's 10×256 weight gradient of the output layer, computed as its transpose: Cᵀ = op(B)ᵀ·op(A)ᵀ,
 * whose m columns fit one narrow panel and whose many rows fill whole tiles.
 *
 * <p>Computed directly, the rows past the first panel (2 of 10) cost a whole second 8-row tile per
 * B panel, with those rows re-packed for every panel, and all of B is packed for only m rows of A.
 * Measured in-process, one thread, JDK 25, k = 256 (direct against transposed): 10×256 with A
 * transposed 25.6 against 20.9 µs, 15×256 27.6 against 21.1, 10×256 plain 24.2 against 21.8, and
 * 10×784 with B transposed 146 against 61. At m = 8 and 16 the direct product was faster (12.0
 * against 20.3 µs, 16.0 against 19.6), and at m ≤ 4 the two were equal, hence the bounds.
 *
 * <p>Cᵀ starts as C's transpose when accumulating, so every element's sum is the same chain of
 * fused multiply-adds in the same k order as the direct product's: the results are bit for bit the
 * same. Cᵀ lives in an array the calling thread keeps (SgemmDriver.transposedC), so the training
 * step's output-layer weight gradient does not allocate a weight-sized array per step.
 */
final class ShortWide {
    private ShortWide() {
    }

    static boolean suits(int m, int n) {
        return m > MR && m < 2 * MR && n >= 64;
    }

    static void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc) {
        SgemmDriver driver = SgemmDriver.forThisThread();
        float[] t = driver.transposedC(n * m); // Cᵀ, n×m
        if (!overwrite) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    t[j * m + i] = c[cOff + i * ldc + j];
                }
            }
        }
        driver.multiply(!transB, !transA, n, m, k, b, bOff, ldb, a, aOff, lda, overwrite, false,
                t, 0, m, Parallel.threads());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                c[cOff + i * ldc + j] = t[j * m + i];
            }
        }
    }
}
