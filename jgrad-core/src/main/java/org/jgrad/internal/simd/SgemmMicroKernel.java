package org.jgrad.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sgemm register tile: MR rows × NR columns of C (8×32 on AVX-512) held in 16 vector
 * accumulators, fed from A in place and from a packed B panel (see SgemmPacking). A partial
 * tile at C's edge is run through a scratch tile by SgemmDriver, so these methods only ever
 * see whole tiles.
 *
 * <p>Note [Small kernel methods]: each FMA is written {@code acc = x.fma(b, acc)}, the accumulator
 * as the addend (on JDK 17 {@code acc.fma(x, b)} made C2 spill around every FMA), the species is a
 * static final constant, and each method holds only one load and one store per accumulator: with
 * more vector code in the method, JDK 17's C2 ran out of inlining budget (NodeCountInliningCutoff),
 * left vector stores as calls, boxed the accumulators and ran at half speed.
 */
final class SgemmMicroKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final int MR = 8;
    static final int NR = 2 * LANES;

    private SgemmMicroKernel() {}

    /**
     * Full tile: out[MR×NR] at {@code oi} (row stride {@code ldo}) = (accumulate ? out : 0) + A·B.
     * Row r, step p of A is {@code a[ai + r·rs + p·cs]}, where one of rs and cs is 1 (see Notes
     * [Unpacked A] and [Two A layouts]); B is a packed kc×NR panel at {@code bi}.
     *
     * <p>Note [Two A layouts]: each layout has its own loop, so that every index in it is a loop
     * invariant plus the step p times a constant. A row-major A (cs = 1) is read at {@code a_r + p}
     * for eight row starts a_r; a transposed or packed A (rs = 1) has its eight values side by side
     * at {@code ai + r}, with ai moving by cs. One loop for both, indexing {@code a[ai + r·rs]} with
     * ai moving by cs, needed seven row offsets, ai, the bounds of both arrays and the counters in
     * general registers at once, more than x86 has: JDK 17's C2 then spilled some of them inside
     * the loop, and whether it did depended on the profile it compiled from, so in 3 of 6 JVMs the
     * chapter MLP's big products ran at half speed (1,040–1,140 µs against 550–610 for 256×784·
     * 784×256) for the whole life of the process. The results are the same in both loops.
     */
    static void wide(int kc, float[] a, int ai, int rs, int cs, float[] b, int bi,
                     float[] out, int oi, int ldo, boolean accumulate) {
        if (cs == 1) {
            wideRowMajor(kc, a, ai, rs, b, bi, out, oi, ldo, accumulate);
        } else {
            wideSideBySide(kc, a, ai, cs, b, bi, out, oi, ldo, accumulate);
        }
    }

    /** {@link #wide} for A read row by row: row r of the tile starts at {@code ai + r·rs}. */
    private static void wideRowMajor(int kc, float[] a, int ai, int rs, float[] b, int bi,
                                     float[] out, int oi, int ldo, boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        FloatVector c01 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 0 * ldo + LANES) : zero;
        FloatVector c10 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        FloatVector c11 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 1 * ldo + LANES) : zero;
        FloatVector c20 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        FloatVector c21 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 2 * ldo + LANES) : zero;
        FloatVector c30 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        FloatVector c31 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 3 * ldo + LANES) : zero;
        FloatVector c40 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        FloatVector c41 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 4 * ldo + LANES) : zero;
        FloatVector c50 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        FloatVector c51 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 5 * ldo + LANES) : zero;
        FloatVector c60 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        FloatVector c61 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 6 * ldo + LANES) : zero;
        FloatVector c70 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        FloatVector c71 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 7 * ldo + LANES) : zero;
        int a0 = ai, a1 = ai + rs, a2 = ai + 2 * rs, a3 = ai + 3 * rs;
        int a4 = ai + 4 * rs, a5 = ai + 5 * rs, a6 = ai + 6 * rs, a7 = ai + 7 * rs;
        for (int p = 0; p < kc; p++) {
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[a7 + p]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(out, oi + 0 * ldo);
        c01.intoArray(out, oi + 0 * ldo + LANES);
        c10.intoArray(out, oi + 1 * ldo);
        c11.intoArray(out, oi + 1 * ldo + LANES);
        c20.intoArray(out, oi + 2 * ldo);
        c21.intoArray(out, oi + 2 * ldo + LANES);
        c30.intoArray(out, oi + 3 * ldo);
        c31.intoArray(out, oi + 3 * ldo + LANES);
        c40.intoArray(out, oi + 4 * ldo);
        c41.intoArray(out, oi + 4 * ldo + LANES);
        c50.intoArray(out, oi + 5 * ldo);
        c51.intoArray(out, oi + 5 * ldo + LANES);
        c60.intoArray(out, oi + 6 * ldo);
        c61.intoArray(out, oi + 6 * ldo + LANES);
        c70.intoArray(out, oi + 7 * ldo);
        c71.intoArray(out, oi + 7 * ldo + LANES);
    }

    /** {@link #wide} for A whose tile rows sit side by side (rs = 1), step p at {@code ai + p·cs}. */
    private static void wideSideBySide(int kc, float[] a, int ai, int cs, float[] b, int bi,
                                       float[] out, int oi, int ldo, boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c00 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        FloatVector c01 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 0 * ldo + LANES) : zero;
        FloatVector c10 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        FloatVector c11 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 1 * ldo + LANES) : zero;
        FloatVector c20 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        FloatVector c21 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 2 * ldo + LANES) : zero;
        FloatVector c30 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        FloatVector c31 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 3 * ldo + LANES) : zero;
        FloatVector c40 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        FloatVector c41 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 4 * ldo + LANES) : zero;
        FloatVector c50 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        FloatVector c51 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 5 * ldo + LANES) : zero;
        FloatVector c60 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        FloatVector c61 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 6 * ldo + LANES) : zero;
        FloatVector c70 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        FloatVector c71 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 7 * ldo + LANES) : zero;
        for (int p = 0; p < kc; p++, ai += cs) {
            int bp = bi + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
            FloatVector x = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(SPECIES, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(SPECIES, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(SPECIES, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(SPECIES, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(SPECIES, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(SPECIES, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(SPECIES, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        c00.intoArray(out, oi + 0 * ldo);
        c01.intoArray(out, oi + 0 * ldo + LANES);
        c10.intoArray(out, oi + 1 * ldo);
        c11.intoArray(out, oi + 1 * ldo + LANES);
        c20.intoArray(out, oi + 2 * ldo);
        c21.intoArray(out, oi + 2 * ldo + LANES);
        c30.intoArray(out, oi + 3 * ldo);
        c31.intoArray(out, oi + 3 * ldo + LANES);
        c40.intoArray(out, oi + 4 * ldo);
        c41.intoArray(out, oi + 4 * ldo + LANES);
        c50.intoArray(out, oi + 5 * ldo);
        c51.intoArray(out, oi + 5 * ldo + LANES);
        c60.intoArray(out, oi + 6 * ldo);
        c61.intoArray(out, oi + 6 * ldo + LANES);
        c70.intoArray(out, oi + 7 * ldo);
        c71.intoArray(out, oi + 7 * ldo + LANES);
    }

    /**
     * Like {@link #wide} for a B panel only LANES wide (the last panel of a narrow C). It issues one
     * broadcast load per FMA and measured ~70% of the FMA peak in L1; a 16-row version was slower.
     * One loop per A layout, as in {@link #wide} (Note [Two A layouts]).
     */
    static void narrow(int kc, float[] a, int ai, int rs, int cs, float[] b, int bi,
                       float[] out, int oi, int ldo, boolean accumulate) {
        if (cs == 1) {
            narrowRowMajor(kc, a, ai, rs, b, bi, out, oi, ldo, accumulate);
        } else {
            narrowSideBySide(kc, a, ai, cs, b, bi, out, oi, ldo, accumulate);
        }
    }

    private static void narrowRowMajor(int kc, float[] a, int ai, int rs, float[] b, int bi,
                                       float[] out, int oi, int ldo, boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c0 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        FloatVector c1 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        FloatVector c2 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        FloatVector c3 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        FloatVector c4 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        FloatVector c5 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        FloatVector c6 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        FloatVector c7 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        int a0 = ai, a1 = ai + rs, a2 = ai + 2 * rs, a3 = ai + 3 * rs;
        int a4 = ai + 4 * rs, a5 = ai + 5 * rs, a6 = ai + 6 * rs, a7 = ai + 7 * rs;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi + p * LANES);
            c0 = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[a1 + p]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[a2 + p]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[a3 + p]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[a4 + p]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[a5 + p]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[a6 + p]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[a7 + p]).fma(b0, c7);
        }
        c0.intoArray(out, oi + 0 * ldo);
        c1.intoArray(out, oi + 1 * ldo);
        c2.intoArray(out, oi + 2 * ldo);
        c3.intoArray(out, oi + 3 * ldo);
        c4.intoArray(out, oi + 4 * ldo);
        c5.intoArray(out, oi + 5 * ldo);
        c6.intoArray(out, oi + 6 * ldo);
        c7.intoArray(out, oi + 7 * ldo);
    }

    private static void narrowSideBySide(int kc, float[] a, int ai, int cs, float[] b, int bi,
                                         float[] out, int oi, int ldo, boolean accumulate) {
        FloatVector zero = FloatVector.zero(SPECIES);
        FloatVector c0 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        FloatVector c1 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        FloatVector c2 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        FloatVector c3 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        FloatVector c4 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        FloatVector c5 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        FloatVector c6 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        FloatVector c7 = accumulate ? FloatVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        for (int p = 0; p < kc; p++, ai += cs) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi + p * LANES);
            c0 = FloatVector.broadcast(SPECIES, a[ai]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ai + 1]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ai + 2]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ai + 3]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ai + 4]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ai + 5]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ai + 6]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ai + 7]).fma(b0, c7);
        }
        c0.intoArray(out, oi + 0 * ldo);
        c1.intoArray(out, oi + 1 * ldo);
        c2.intoArray(out, oi + 2 * ldo);
        c3.intoArray(out, oi + 3 * ldo);
        c4.intoArray(out, oi + 4 * ldo);
        c5.intoArray(out, oi + 5 * ldo);
        c6.intoArray(out, oi + 6 * ldo);
        c7.intoArray(out, oi + 7 * ldo);
    }
}
