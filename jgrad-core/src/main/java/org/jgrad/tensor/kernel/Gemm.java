package org.jgrad.tensor.kernel;

/**
 * Dense matrix products on plain row-major arrays, named the EJML way, through the chosen kernels
 * (the Vector-API GEMM when available). Shapes: C is m×n; A is m×k (k×m for TransA); B is k×n
 * (n×k for TransB). {@code mult*} overwrites C; {@code multAdd*} adds to it.
 */
public final class Gemm {
    private Gemm() {
    }

    private static void run(boolean ta, boolean tb, int m, int n, int k, float[] a, float[] b, float[] c, boolean add) {
        KernelProvider.get().gemm(ta, tb, m, n, k, Storage.wrap(a), 0, ta ? m : k, Storage.wrap(b), 0, tb ? k : n,
                add ? 1 : 0, Storage.wrap(c), 0, n);
    }

    private static void run(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b, double[] c, boolean add) {
        KernelProvider.get().gemm(ta, tb, m, n, k, Storage.wrap(a), 0, ta ? m : k, Storage.wrap(b), 0, tb ? k : n,
                add ? 1 : 0, Storage.wrap(c), 0, n);
    }

    /** C = A·B. */
    public static void mult(int m, int n, int k, float[] a, float[] b, float[] c) {
        run(false, false, m, n, k, a, b, c, false);
    }

    /** C = Aᵀ·B. */
    public static void multTransA(int m, int n, int k, float[] a, float[] b, float[] c) {
        run(true, false, m, n, k, a, b, c, false);
    }

    /** C = A·Bᵀ. */
    public static void multTransB(int m, int n, int k, float[] a, float[] b, float[] c) {
        run(false, true, m, n, k, a, b, c, false);
    }

    /** C = Aᵀ·Bᵀ. */
    public static void multTransAB(int m, int n, int k, float[] a, float[] b, float[] c) {
        run(true, true, m, n, k, a, b, c, false);
    }

    /** C += A·B. */
    public static void multAdd(int m, int n, int k, float[] a, float[] b, float[] c) {
        run(false, false, m, n, k, a, b, c, true);
    }

    /** C += Aᵀ·B. */
    public static void multAddTransA(int m, int n, int k, float[] a, float[] b, float[] c) {
        run(true, false, m, n, k, a, b, c, true);
    }

    /** C += A·Bᵀ. */
    public static void multAddTransB(int m, int n, int k, float[] a, float[] b, float[] c) {
        run(false, true, m, n, k, a, b, c, true);
    }

    /** C = A·B. */
    public static void mult(int m, int n, int k, double[] a, double[] b, double[] c) {
        run(false, false, m, n, k, a, b, c, false);
    }

    /** C = Aᵀ·B. */
    public static void multTransA(int m, int n, int k, double[] a, double[] b, double[] c) {
        run(true, false, m, n, k, a, b, c, false);
    }

    /** C = A·Bᵀ. */
    public static void multTransB(int m, int n, int k, double[] a, double[] b, double[] c) {
        run(false, true, m, n, k, a, b, c, false);
    }

    /** C = Aᵀ·Bᵀ. */
    public static void multTransAB(int m, int n, int k, double[] a, double[] b, double[] c) {
        run(true, true, m, n, k, a, b, c, false);
    }

    /** C += A·B. */
    public static void multAdd(int m, int n, int k, double[] a, double[] b, double[] c) {
        run(false, false, m, n, k, a, b, c, true);
    }

    /** C += Aᵀ·B. */
    public static void multAddTransA(int m, int n, int k, double[] a, double[] b, double[] c) {
        run(true, false, m, n, k, a, b, c, true);
    }

    /** C += A·Bᵀ. */
    public static void multAddTransB(int m, int n, int k, double[] a, double[] b, double[] c) {
        run(false, true, m, n, k, a, b, c, true);
    }
}
