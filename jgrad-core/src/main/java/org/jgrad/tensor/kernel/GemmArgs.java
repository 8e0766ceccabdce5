package org.jgrad.tensor.kernel;

/**
 * Argument checks shared by every GEMM kernel, so that a bad call fails with one clear message
 * (naming the operand, what was expected and what came) instead of an index error mid-kernel.
 *
 * <p>Row-major convention: op(A) is m×k, stored k×m when transposed; op(B) is k×n, stored n×k when
 * transposed; C is m×n. A leading dimension is the stride between stored rows.
 */
public final class GemmArgs {
    private GemmArgs() {}

    /** Throws IllegalArgumentException or IndexOutOfBoundsException describing the first problem. */
    public static void check(String op, boolean transA, boolean transB, int m, int n, int k,
                             int aLength, int aOff, int lda, int bLength, int bOff, int ldb,
                             int cLength, int cOff, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException(op + ": sizes must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        checkOperand(op, "A", transA ? k : m, transA ? m : k, aLength, aOff, lda);
        checkOperand(op, "B", transB ? n : k, transB ? k : n, bLength, bOff, ldb);
        checkOperand(op, "C", m, n, cLength, cOff, ldc);
    }

    private static void checkOperand(String op, String name, int rows, int cols, int length, int off, int ld) {
        if (off < 0) {
            throw new IndexOutOfBoundsException(op + ": offset of " + name + " must be >= 0, got " + off);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        if (ld < cols) {
            throw new IllegalArgumentException(op + ": leading dimension of " + name + " (" + rows + "x" + cols
                    + " stored) must be >= " + cols + ", got " + ld);
        }
        long last = off + (long) (rows - 1) * ld + cols - 1;
        if (last >= length) {
            throw new IndexOutOfBoundsException(op + ": " + name + " (" + rows + "x" + cols + " stored, offset "
                    + off + ", leading dimension " + ld + ") needs index " + last + " but the array has length "
                    + length);
        }
    }
}
