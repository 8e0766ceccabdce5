package org.jgrad.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.jgrad.tensor.kernel.Parallel;

/**
 * float32 GEMM for a narrow C (n ≤ 16 columns), such as an MLP's output layer: the register tile
 * is turned around. Sixteen rows of op(A) are packed transposed, so one vector holds column p of
 * sixteen rows; op(B) is packed into a zero-padded k×16 panel; sixteen accumulators (one per
 * column of C) take one FMA each per p. The main kernel vectorizes along n, which leaves most
 * lanes idle when n is 10. Only used where the preferred vector holds 16 floats (AVX-512).
 */
final class SgemmSkinny {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    static final int W = 16;
    private static final long PARALLEL_MIN_MNK = GemmBlocking.PARALLEL_MIN_MNK;
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(() -> new float[3][0]);

    private SgemmSkinny() {
    }

    /** Whether this kernel applies: 16-float vectors, few columns, enough rows to fill a tile. */
    static boolean suits(int m, int n, int k) {
        return FloatVector.SPECIES_PREFERRED.length() == W && n <= W && m >= W && k >= 8;
    }

    static void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                         float[] b, int bOff, int ldb, boolean overwrite, float[] c, int cOff, int ldc) {
        if (!transA) {
            Dots.multiply(transB, m, n, k, a, aOff, lda, b, bOff, ldb, overwrite, c, cOff, ldc);
            return;
        }
        float[] bp = new float[k * W]; // small: k×16; shared read-only by the threads
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                bp[p * W + j] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
        }
        int blocks = (m + W - 1) / W;
        int threads = (long) m * n * k >= PARALLEL_MIN_MNK ? Math.min(Parallel.threads(), blocks) : 1;
        Parallel.forEach(threads, t -> {
            int from = (int) ((long) blocks * t / threads);
            int to = (int) ((long) blocks * (t + 1) / threads);
            float[][] buf = BUFFERS.get();
            if (buf[0].length < k * W) {
                buf[0] = new float[k * W];
            }
            if (buf[1].length < W * W) {
                buf[1] = new float[W * W];
            }
            for (int blk = from; blk < to; blk++) {
                int i0 = blk * W;
                int rows = Math.min(W, m - i0);
                packTransposed(transA, a, aOff, lda, i0, rows, k, buf[0]);
                tile(buf[0], bp, k, buf[1]);
                store(buf[1], rows, n, overwrite, c, cOff + i0 * ldc, ldc);
            }
        });
    }

    /** at[p·16 + r] = op(A)[i0 + r, p], zero for rows past the end. */
    private static void packTransposed(boolean transA, float[] a, int aOff, int lda, int i0, int rows, int k, float[] at) {
        if (transA) {
            // op(A)[i, p] = A[p, i]: rows of A are already columns of op(A)
            for (int p = 0; p < k; p++) {
                System.arraycopy(a, aOff + p * lda + i0, at, p * W, rows);
                for (int r = rows; r < W; r++) {
                    at[p * W + r] = 0f;
                }
            }
            return;
        }
        for (int r = 0; r < W; r++) {
            if (r < rows) {
                int src = aOff + (i0 + r) * lda;
                for (int p = 0; p < k; p++) {
                    at[p * W + r] = a[src + p];
                }
            } else {
                for (int p = 0; p < k; p++) {
                    at[p * W + r] = 0f;
                }
            }
        }
    }

    /** Sixteen column accumulators over k; out[j·16 + r] = Σ_p at[p·16 + r]·bp[p·16 + j]. */
    private static void tile(float[] at, float[] bp, int k, float[] out) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        FloatVector c4 = c0;
        FloatVector c5 = c0;
        FloatVector c6 = c0;
        FloatVector c7 = c0;
        FloatVector c8 = c0;
        FloatVector c9 = c0;
        FloatVector c10 = c0;
        FloatVector c11 = c0;
        FloatVector c12 = c0;
        FloatVector c13 = c0;
        FloatVector c14 = c0;
        FloatVector c15 = c0;
        for (int p = 0; p < k; p++) {
            FloatVector x = FloatVector.fromArray(S, at, p * W);
            int q = p * W;
            c0 = x.fma(FloatVector.broadcast(S, bp[q]), c0);
            c1 = x.fma(FloatVector.broadcast(S, bp[q + 1]), c1);
            c2 = x.fma(FloatVector.broadcast(S, bp[q + 2]), c2);
            c3 = x.fma(FloatVector.broadcast(S, bp[q + 3]), c3);
            c4 = x.fma(FloatVector.broadcast(S, bp[q + 4]), c4);
            c5 = x.fma(FloatVector.broadcast(S, bp[q + 5]), c5);
            c6 = x.fma(FloatVector.broadcast(S, bp[q + 6]), c6);
            c7 = x.fma(FloatVector.broadcast(S, bp[q + 7]), c7);
            c8 = x.fma(FloatVector.broadcast(S, bp[q + 8]), c8);
            c9 = x.fma(FloatVector.broadcast(S, bp[q + 9]), c9);
            c10 = x.fma(FloatVector.broadcast(S, bp[q + 10]), c10);
            c11 = x.fma(FloatVector.broadcast(S, bp[q + 11]), c11);
            c12 = x.fma(FloatVector.broadcast(S, bp[q + 12]), c12);
            c13 = x.fma(FloatVector.broadcast(S, bp[q + 13]), c13);
            c14 = x.fma(FloatVector.broadcast(S, bp[q + 14]), c14);
            c15 = x.fma(FloatVector.broadcast(S, bp[q + 15]), c15);
        }
        c0.intoArray(out, 0);
        c1.intoArray(out, W);
        c2.intoArray(out, 2 * W);
        c3.intoArray(out, 3 * W);
        c4.intoArray(out, 4 * W);
        c5.intoArray(out, 5 * W);
        c6.intoArray(out, 6 * W);
        c7.intoArray(out, 7 * W);
        c8.intoArray(out, 8 * W);
        c9.intoArray(out, 9 * W);
        c10.intoArray(out, 10 * W);
        c11.intoArray(out, 11 * W);
        c12.intoArray(out, 12 * W);
        c13.intoArray(out, 13 * W);
        c14.intoArray(out, 14 * W);
        c15.intoArray(out, 15 * W);
    }

    private static void store(float[] out, int rows, int n, boolean overwrite, float[] c, int cRow, int ldc) {
        for (int r = 0; r < rows; r++) {
            int dst = cRow + r * ldc;
            for (int j = 0; j < n; j++) {
                float v = out[j * W + r];
                c[dst + j] = overwrite ? v : c[dst + j] + v;
            }
        }
    }
}
