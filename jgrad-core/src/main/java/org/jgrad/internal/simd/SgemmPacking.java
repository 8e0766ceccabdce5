package org.jgrad.internal.simd;

import static org.jgrad.internal.simd.SgemmMicroKernel.LANES;
import static org.jgrad.internal.simd.SgemmMicroKernel.MR;
import static org.jgrad.internal.simd.SgemmMicroKernel.NR;

import jdk.incubator.vector.FloatVector;

/**
 * Copies op(B) into the panel layout that SgemmMicroKernel streams, and the last few rows of
 * op(A) into a zero-padded MR-row panel. See Note [Packed B panels].
 *
 * <p>Note [Packed B panels]: columns [j0, j1) of op(B) (k×n) are packed as consecutive panels;
 * the panel starting at column j holds, for each p in 0..k-1, a row of {@code width} values
 * op(B)[p][j..j+width). Every panel is NR wide except possibly the last of the matrix, which is
 * LANES wide when at most LANES columns remain. Panels keep all of k, so the slice for a k-block
 * starting at p0 is contiguous at {@code start + p0·width}. Columns past n are zero when B is
 * transposed and may hold any value otherwise (see Note [Lanes past n]).
 */
final class SgemmPacking {
    /** Rows of k handled at once when packing a transposed B, so the written lines stay in L1. */
    private static final int TRANS_B_K_STEP = 64;

    private SgemmPacking() {}

    /** Width of the B panel starting at column j0 of an n-column matrix (see the note). */
    static int bPanelWidth(int n, int j0) {
        return n - j0 <= LANES ? LANES : NR;
    }

    /** Packed length of columns [j0, j1) of op(B), j0 a multiple of NR. */
    static int bPackedLength(int n, int k, int j0, int j1) {
        int length = 0;
        for (int j = j0; j < j1; j += NR) {
            length += bPanelWidth(n, j) * k;
        }
        return length;
    }

    /** Packs columns [j0, j1) of op(B) (k×n), j0 a multiple of NR, into dst from index 0. */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int k, int n, int j0, int j1, float[] dst) {
        int d = 0;
        int[] rows = transB ? rowOffsets(ldb) : null;
        for (int j = j0; j < j1; j += NR) {
            int cols = Math.min(NR, n - j);
            int width = bPanelWidth(n, j);
            if (transB) {
                packTransposedPanel(b, bOff + j * ldb, ldb, k, cols, width, rows, dst, d);
            } else {
                packPanel(b, bOff + j, ldb, k, cols, width, dst, d);
            }
            d += width * k;
        }
    }

    /** Offsets of LANES consecutive stored rows of B, from the first: the gather's index map. */
    private static int[] rowOffsets(int ldb) {
        int[] rows = new int[LANES];
        for (int c = 0; c < LANES; c++) {
            rows[c] = c * ldb;
        }
        return rows;
    }

    /**
     * Stored rows of B are rows of the panel, copied a whole vector at a time even when the panel
     * is wider than the columns left (see Note [Lanes past n]); only a vector that would read past
     * the end of B's array is copied element by element and padded with zeros.
     *
     * <p>Note [Lanes past n]: in a panel wider than its columns, the lanes past n may hold whatever
     * follows in B's array (the next row's values, padding, NaN). They only ever feed columns of
     * SgemmDriver's scratch tile that are never copied out to C, so they cannot reach the result.
     * Copying whole vectors this way packs the 256×256·256×10 product's B panel in about a tenth of
     * the time of a scalar copy with zero padding, which took a fifth of that product's time.
     */
    private static void packPanel(float[] b, int s, int ldb, int k, int cols, int width, float[] dst, int d) {
        for (int p = 0; p < k; p++, s += ldb, d += width) {
            for (int c = 0; c < width; c += LANES) {
                if (s + c + LANES <= b.length) {
                    FloatVector.fromArray(SgemmMicroKernel.SPECIES, b, s + c).intoArray(dst, d + c);
                } else {
                    for (int e = c; e < c + LANES; e++) {
                        dst[d + e] = e < cols ? b[s + e] : 0f;
                    }
                }
            }
        }
    }

    /**
     * B stored n×k: each panel column is a stored row. A whole panel is gathered, LANES stored
     * rows at a time, into one vector per step of k ({@code rows} holds the row offsets); this
     * measured 4–5% faster on the MLP's 256×256·256×784 product with Wᵀ than copying element by
     * element. The last panel of a narrow C, which has fewer columns than lanes, is copied by
     * element, k walked in steps so the written lines stay in L1.
     */
    private static void packTransposedPanel(float[] b, int s, int ldb, int k, int cols, int width, int[] rows,
                                            float[] dst, int d) {
        if (cols == width) {
            for (int c0 = 0; c0 < width; c0 += LANES) {
                int first = s + c0 * ldb;
                for (int p = 0; p < k; p++) {
                    FloatVector.fromArray(SgemmMicroKernel.SPECIES, b, first + p, rows, 0).intoArray(dst, d + p * width + c0);
                }
            }
            return;
        }
        for (int p0 = 0; p0 < k; p0 += TRANS_B_K_STEP) {
            int p1 = Math.min(k, p0 + TRANS_B_K_STEP);
            for (int c = 0; c < width; c++) {
                int src = s + c * ldb;
                for (int p = p0; p < p1; p++) {
                    dst[d + p * width + c] = c < cols ? b[src + p] : 0f;
                }
            }
        }
    }

    /**
     * Packs the last {@code rows < MR} rows of op(A), k-slice [p0, p0+kc), as an MR-row panel:
     * value (r, p) at {@code p·MR + r}, rows past {@code rows} zero. Element (i, p) of op(A) is
     * {@code a[aOff + i·rs + p·cs]}.
     */
    static void packPartialA(float[] a, int aOff, int rs, int cs, int i0, int rows, int p0, int kc, float[] dst) {
        for (int p = 0; p < kc; p++) {
            int s = aOff + i0 * rs + (p0 + p) * cs;
            for (int r = 0; r < MR; r++) {
                dst[p * MR + r] = r < rows ? a[s + r * rs] : 0f;
            }
        }
    }
}
