package org.jgrad.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.jgrad.tensor.kernel.Parallel;

/**
 * Very narrow C (n ≤ 8 columns) when A is stored row-major (not transposed): every C[i, j] is a
 * dot product of row i of A with column j of op(B), so vectors run along k and nothing of A is
 * repacked. op(B) is packed once as n rows of k (zero rows pad n to a multiple of 4); two rows of
 * A and four columns of B make eight accumulators per step, reduced across lanes at the end.
 *
 * <p>Measured in-process against the blocked kernel (alternating rounds, m = k = 256, one thread):
 * 2.6–3.3× faster for n from 1 to 4, 1.4× at n = 6 and 8; from n = 10 on the blocked kernel's
 * narrow panel wins (1.03–1.3× at n = 10, 1.5× at n = 16), and with A transposed it won at every
 * n tried (1.1–1.4×), so only this case comes here.
 */
final class Dots {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int COLS = 4;
    private static final int MAX_N = 8;

    private Dots() {
    }

    /** Whether this kernel applies: A not transposed, n ≤ 8, and k long enough to fill two vectors. */
    static boolean suits(boolean transA, int n, int k) {
        return !transA && n <= MAX_N && k >= 2 * L;
    }

    static void multiply(boolean transB, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                         boolean overwrite, float[] c, int cOff, int ldc) {
        int nPad = (n + COLS - 1) / COLS * COLS;
        float[] bt = new float[nPad * k]; // bt[j·k + p] = op(B)[p, j]
        for (int j = 0; j < n; j++) {
            for (int p = 0; p < k; p++) {
                bt[j * k + p] = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
            }
        }
        int pairs = (m + 1) / 2;
        int threads = (long) m * n * k >= GemmBlocking.PARALLEL_MIN_MNK ? Math.min(Parallel.threads(), pairs) : 1;
        Parallel.forEach(threads, t -> {
            int from = (int) ((long) pairs * t / threads);
            int to = (int) ((long) pairs * (t + 1) / threads);
            float[] sums = new float[2 * COLS];
            for (int pair = from; pair < to; pair++) {
                int i = 2 * pair;
                int i1 = Math.min(i + 1, m - 1); // an odd last row is computed twice and stored once
                for (int j0 = 0; j0 < nPad; j0 += COLS) {
                    block(a, aOff + i * lda, aOff + i1 * lda, bt, j0 * k, k, sums);
                    for (int r = 0; r < 2 && i + r < m; r++) {
                        int dst = cOff + (i + r) * ldc;
                        for (int q = 0; q < COLS && j0 + q < n; q++) {
                            float v = sums[r * COLS + q];
                            c[dst + j0 + q] = overwrite ? v : c[dst + j0 + q] + v;
                        }
                    }
                }
            }
        });
    }

    /** sums[r·4 + q] = row r (a0 or a1) · bt row (j0 + q), for four consecutive rows of bt starting at b0. */
    private static void block(float[] a, int a0, int a1, float[] bt, int b0, int k, float[] sums) {
        FloatVector s00 = FloatVector.zero(S);
        FloatVector s01 = s00;
        FloatVector s02 = s00;
        FloatVector s03 = s00;
        FloatVector s10 = s00;
        FloatVector s11 = s00;
        FloatVector s12 = s00;
        FloatVector s13 = s00;
        int p = 0;
        for (int bound = S.loopBound(k); p < bound; p += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + p);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + p);
            FloatVector y0 = FloatVector.fromArray(S, bt, b0 + p);
            FloatVector y1 = FloatVector.fromArray(S, bt, b0 + k + p);
            FloatVector y2 = FloatVector.fromArray(S, bt, b0 + 2 * k + p);
            FloatVector y3 = FloatVector.fromArray(S, bt, b0 + 3 * k + p);
            s00 = x0.fma(y0, s00);
            s01 = x0.fma(y1, s01);
            s02 = x0.fma(y2, s02);
            s03 = x0.fma(y3, s03);
            s10 = x1.fma(y0, s10);
            s11 = x1.fma(y1, s11);
            s12 = x1.fma(y2, s12);
            s13 = x1.fma(y3, s13);
        }
        // a fixed order of the lanes' sums (see Note [Same bits, cold or warm] in VectorMath)
        float[] out = {VectorMath.sum(s00), VectorMath.sum(s01), VectorMath.sum(s02), VectorMath.sum(s03),
            VectorMath.sum(s10), VectorMath.sum(s11), VectorMath.sum(s12), VectorMath.sum(s13)};
        for (; p < k; p++) {
            for (int q = 0; q < COLS; q++) {
                float y = bt[b0 + q * k + p];
                out[q] += a[a0 + p] * y;
                out[COLS + q] += a[a1 + p] * y;
            }
        }
        System.arraycopy(out, 0, sums, 0, 2 * COLS);
    }
}
