package org.jgrad.internal.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The dgemm register tile: MR rows × NR columns of C (8×16 on AVX-512) held in 16 vector
 * accumulators, fed from A in place and from a packed B panel (see DgemmPacking). A partial
 * tile at C's edge is run through a scratch tile by DgemmDriver, so these methods only ever
 * see whole tiles.
 *
 * <p>Note [Small kernel methods]: each FMA is written {@code acc = x.fma(b, acc)}, the accumulator
 * as the addend (on JDK 17 {@code acc.fma(x, b)} made C2 spill around every FMA), the species is a
 * static final constant, and each method holds only one load and one store per accumulator: with
 * more vector code in the method, JDK 17's C2 ran out of inlining budget (NodeCountInliningCutoff),
 * left vector stores as calls, boxed the accumulators and ran at half speed.
 */
final class DgemmMicroKernel {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    static final int MR = 8;
    static final int NR = 2 * LANES;

    private DgemmMicroKernel() {}

    /**
     * Full tile: out[MR×NR] at {@code oi} (row stride {@code ldo}) = (accumulate ? out : 0) + A·B.
     * Row r, step p of A is {@code a[ai + r·rs + p·cs]}, where one of rs and cs is 1, with one loop
     * per layout (see Note [Unpacked A], and Note [Two A layouts] in SgemmMicroKernel); B is a packed
     * kc×NR panel at {@code bi}.
     */
    static void wide(int kc, double[] a, int ai, int rs, int cs, double[] b, int bi,
                     double[] out, int oi, int ldo, boolean accumulate) {
        if (cs == 1) {
            wideRowMajor(kc, a, ai, rs, b, bi, out, oi, ldo, accumulate);
        } else {
            wideSideBySide(kc, a, ai, cs, b, bi, out, oi, ldo, accumulate);
        }
    }

    private static void wideRowMajor(int kc, double[] a, int ai, int rs, double[] b, int bi,
                                     double[] out, int oi, int ldo, boolean accumulate) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 0 * ldo + LANES) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 1 * ldo + LANES) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 2 * ldo + LANES) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 3 * ldo + LANES) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 4 * ldo + LANES) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 5 * ldo + LANES) : zero;
        DoubleVector c60 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        DoubleVector c61 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 6 * ldo + LANES) : zero;
        DoubleVector c70 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        DoubleVector c71 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 7 * ldo + LANES) : zero;
        int a0 = ai, a1 = ai + rs, a2 = ai + 2 * rs, a3 = ai + 3 * rs;
        int a4 = ai + 4 * rs, a5 = ai + 5 * rs, a6 = ai + 6 * rs, a7 = ai + 7 * rs;
        for (int p = 0; p < kc; p++) {
            int bp = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(SPECIES, a[a6 + p]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(SPECIES, a[a7 + p]);
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

    private static void wideSideBySide(int kc, double[] a, int ai, int cs, double[] b, int bi,
                                       double[] out, int oi, int ldo, boolean accumulate) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c00 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        DoubleVector c01 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 0 * ldo + LANES) : zero;
        DoubleVector c10 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        DoubleVector c11 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 1 * ldo + LANES) : zero;
        DoubleVector c20 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        DoubleVector c21 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 2 * ldo + LANES) : zero;
        DoubleVector c30 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        DoubleVector c31 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 3 * ldo + LANES) : zero;
        DoubleVector c40 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        DoubleVector c41 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 4 * ldo + LANES) : zero;
        DoubleVector c50 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        DoubleVector c51 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 5 * ldo + LANES) : zero;
        DoubleVector c60 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        DoubleVector c61 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 6 * ldo + LANES) : zero;
        DoubleVector c70 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        DoubleVector c71 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 7 * ldo + LANES) : zero;
        for (int p = 0; p < kc; p++, ai += cs) {
            int bp = bi + p * NR;
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bp + LANES);
            DoubleVector x = DoubleVector.broadcast(SPECIES, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(SPECIES, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(SPECIES, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(SPECIES, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(SPECIES, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(SPECIES, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = DoubleVector.broadcast(SPECIES, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = DoubleVector.broadcast(SPECIES, a[ai + 7]);
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
     */
    static void narrow(int kc, double[] a, int ai, int rs, int cs, double[] b, int bi,
                       double[] out, int oi, int ldo, boolean accumulate) {
        if (cs == 1) {
            narrowRowMajor(kc, a, ai, rs, b, bi, out, oi, ldo, accumulate);
        } else {
            narrowSideBySide(kc, a, ai, cs, b, bi, out, oi, ldo, accumulate);
        }
    }

    private static void narrowRowMajor(int kc, double[] a, int ai, int rs, double[] b, int bi,
                                       double[] out, int oi, int ldo, boolean accumulate) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c0 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        DoubleVector c1 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        DoubleVector c2 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        DoubleVector c3 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        DoubleVector c4 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        DoubleVector c5 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        DoubleVector c6 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        DoubleVector c7 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        int a0 = ai, a1 = ai + rs, a2 = ai + 2 * rs, a3 = ai + 3 * rs;
        int a4 = ai + 4 * rs, a5 = ai + 5 * rs, a6 = ai + 6 * rs, a7 = ai + 7 * rs;
        for (int p = 0; p < kc; p++) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bi + p * LANES);
            c0 = DoubleVector.broadcast(SPECIES, a[a0 + p]).fma(b0, c0);
            c1 = DoubleVector.broadcast(SPECIES, a[a1 + p]).fma(b0, c1);
            c2 = DoubleVector.broadcast(SPECIES, a[a2 + p]).fma(b0, c2);
            c3 = DoubleVector.broadcast(SPECIES, a[a3 + p]).fma(b0, c3);
            c4 = DoubleVector.broadcast(SPECIES, a[a4 + p]).fma(b0, c4);
            c5 = DoubleVector.broadcast(SPECIES, a[a5 + p]).fma(b0, c5);
            c6 = DoubleVector.broadcast(SPECIES, a[a6 + p]).fma(b0, c6);
            c7 = DoubleVector.broadcast(SPECIES, a[a7 + p]).fma(b0, c7);
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

    private static void narrowSideBySide(int kc, double[] a, int ai, int cs, double[] b, int bi,
                                         double[] out, int oi, int ldo, boolean accumulate) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector c0 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 0 * ldo) : zero;
        DoubleVector c1 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 1 * ldo) : zero;
        DoubleVector c2 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 2 * ldo) : zero;
        DoubleVector c3 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 3 * ldo) : zero;
        DoubleVector c4 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 4 * ldo) : zero;
        DoubleVector c5 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 5 * ldo) : zero;
        DoubleVector c6 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 6 * ldo) : zero;
        DoubleVector c7 = accumulate ? DoubleVector.fromArray(SPECIES, out, oi + 7 * ldo) : zero;
        for (int p = 0; p < kc; p++, ai += cs) {
            DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bi + p * LANES);
            c0 = DoubleVector.broadcast(SPECIES, a[ai]).fma(b0, c0);
            c1 = DoubleVector.broadcast(SPECIES, a[ai + 1]).fma(b0, c1);
            c2 = DoubleVector.broadcast(SPECIES, a[ai + 2]).fma(b0, c2);
            c3 = DoubleVector.broadcast(SPECIES, a[ai + 3]).fma(b0, c3);
            c4 = DoubleVector.broadcast(SPECIES, a[ai + 4]).fma(b0, c4);
            c5 = DoubleVector.broadcast(SPECIES, a[ai + 5]).fma(b0, c5);
            c6 = DoubleVector.broadcast(SPECIES, a[ai + 6]).fma(b0, c6);
            c7 = DoubleVector.broadcast(SPECIES, a[ai + 7]).fma(b0, c7);
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
