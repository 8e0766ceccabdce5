package org.jgrad.internal.simd;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One GEMM test problem: shapes, flags and padded operands (offsets and leading dimensions larger
 * than the matrix), with C's padding and, for beta 0, its contents filled with NaN garbage.
 */
record GemmCase(int m, int n, int k, boolean transA, boolean transB, double beta) {
    static final int A_OFF = 3, B_OFF = 5, C_OFF = 7, PAD = 2;

    int lda() {
        return (transA ? m : k) + PAD;
    }

    int ldb() {
        return (transB ? k : n) + 1;
    }

    int ldc() {
        return n + PAD + 1;
    }

    double[] a(long seed) {
        return operand(seed, A_OFF, (transA ? k : m), lda());
    }

    double[] b(long seed) {
        return operand(seed + 1, B_OFF, (transB ? n : k), ldb());
    }

    /** C: random inside the matrix for beta 1, NaN for beta 0; NaN guards everywhere else. */
    double[] c(long seed) {
        double[] c = new double[C_OFF + m * ldc() + PAD];
        Arrays.fill(c, Double.NaN);
        if (beta != 0) {
            SplittableRandom random = new SplittableRandom(seed + 2);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[C_OFF + i * ldc() + j] = random.nextDouble(-1, 1);
                }
            }
        }
        return c;
    }

    private static double[] operand(long seed, int off, int rows, int ld) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] x = new double[off + rows * ld + PAD];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble(-1, 1);
        }
        return x;
    }

    static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    @Override
    public String toString() {
        return m + "x" + n + "x" + k + (transA ? " Aᵀ" : "") + (transB ? " Bᵀ" : "") + " beta=" + beta;
    }
}
