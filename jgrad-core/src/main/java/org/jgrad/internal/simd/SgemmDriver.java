package org.jgrad.internal.simd;

import static org.jgrad.internal.simd.SgemmMicroKernel.MR;
import static org.jgrad.internal.simd.SgemmMicroKernel.NR;

import java.util.function.IntConsumer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import org.jgrad.tensor.kernel.Parallel;

/**
 * Runs one blocked sgemm call: C is cut into chunks that the threads take in
 * turn (see Notes [GEMM blocking] and [Chunks taken in turn] in GemmBlocking); a thread packs the
 * B panels of each chunk into its own buffer and multiplies, reading A in place.
 *
 * <p>One instance per thread holds that thread's buffers, so a call allocates nothing once they
 * have grown to the problem size. The calling thread's instance also carries the call's arguments
 * and is the task that {@link Parallel#forEach} hands to the pool.
 */
final class SgemmDriver implements IntConsumer {
    private static final ThreadLocal<SgemmDriver> PER_THREAD = ThreadLocal.withInitial(SgemmDriver::new);
    /**
     * Whether a narrow panel's edge tile moves to and from C as masked vectors. Measured on the
     * 256×256·256×10 product, kernel plus copy-out: masked +4–8% on JDK 25 against arraycopy, but
     * 8–15% slower on JDK 17, whose masked loads and stores are not compiled as well; JDKs between
     * were not measured, so only 25 and later use it. {@code -Djgrad.gemm.maskedEdges} overrides.
     */
    static final boolean MASKED_EDGES = Boolean.parseBoolean(
            System.getProperty("jgrad.gemm.maskedEdges", String.valueOf(Runtime.version().feature() >= 25)));

    // This thread's buffers.
    private float[] packedB = new float[0];
    private float[] partialA = new float[0]; // the last rows of A when m is not a multiple of MR
    private final float[] edgeTile = new float[MR * NR]; // a partial tile at C's edge is computed here
    private float[] transposedC = new float[0]; // ShortWide's Cᵀ, kept up to KEPT_TRANSPOSED_C floats
    private int packedChunkColumn = -1; // which column chunk of the current call packedB holds, or -1

    // The call being run (set on the calling thread's instance only).
    private boolean transB, overwrite, relu;
    private int m, n, k, aOff, rs, cs, bOff, ldb, cOff, ldc, kc;
    private final ChunkRanges chunkRanges = new ChunkRanges();
    private float[] a, b, c;

    static SgemmDriver forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * C = op(A)·op(B) (overwrite) or C += op(A)·op(B), then relu on C when asked, spread over up to
     * {@code poolThreads} threads.
     */
    void multiply(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, int lda,
                  float[] b, int bOff, int ldb, boolean overwrite, boolean relu, float[] c, int cOff, int ldc,
                  int poolThreads) {
        this.transB = transB;
        this.relu = relu;
        this.m = m;
        this.n = n;
        this.k = k;
        this.a = a;
        this.aOff = aOff;
        this.rs = transA ? 1 : lda;
        this.cs = transA ? lda : 1;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.overwrite = overwrite;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        kc = GemmBlocking.kBlockDepth(k, Float.BYTES);
        int colPanels = (n + NR - 1) / NR;
        boolean lastPanelNarrow = SgemmPacking.bPanelWidth(n, (colPanels - 1) * NR) < NR;
        int threads = chunkRanges.plan(m, n, k, (m + MR - 1) / MR, colPanels, lastPanelNarrow, poolThreads);
        try {
            if (threads == 1) {
                accept(0);
            } else {
                Parallel.forEach(threads, this);
            }
        } finally {
            this.a = null; // do not keep the caller's arrays alive from a thread-local
            this.b = null;
            this.c = null;
        }
    }

    /**
     * Runs on each participating thread t, with that thread's buffers: the chunks of range t, then
     * what is left of the other ranges (see Note [Chunks taken in turn] in GemmBlocking).
     */
    @Override
    public void accept(int t) {
        SgemmDriver own = forThisThread();
        own.packedChunkColumn = -1;
        chunkRanges.runTaken(t, (cc, r0, r1, c0, c1) ->
                computeSlice(own, cc, r0 * MR, Math.min(m, r1 * MR), c0 * NR, Math.min(n, c1 * NR)));
    }

    /**
     * Rows [i0, i1) × columns [j0, j1) of C, k-block by k-block, with {@code own}'s buffers; the B
     * panels are packed unless this thread already holds column chunk {@code cc} of this call.
     */
    private void computeSlice(SgemmDriver own, int cc, int i0, int i1, int j0, int j1) {
        float[] pb = own.packedB(n, k, j0, j1);
        if (own.packedChunkColumn != cc) {
            SgemmPacking.packB(transB, b, bOff, ldb, k, n, j0, j1, pb);
            own.packedChunkColumn = cc;
        }
        float[] pa = own.partialA(kc);
        int blockRows = GemmBlocking.blockRows(i1 - i0, MR, Float.BYTES, k, n);
        for (int p0 = 0; p0 < k; p0 += kc) {
            int kcur = Math.min(kc, k - p0);
            boolean store = overwrite && p0 == 0;
            for (int ib = i0; ib < i1; ib += blockRows) {
                int ibEnd = Math.min(i1, ib + blockRows);
                for (int j = j0, bi = 0; j < j1; j += NR) {
                    int width = SgemmPacking.bPanelWidth(n, j);
                    multiplyPanel(pb, bi + p0 * width, width, j, Math.min(NR, n - j), ib, ibEnd, p0, kcur, store,
                            pa, own.edgeTile);
                    bi += width * k;
                }
            }
        }
        if (relu) { // the slice is final now, and still in this thread's cache
            VectorKernels.reluBlock(c, cOff, ldc, i0, i1, j0, j1);
        }
    }

    /** Rows [ib, ibEnd) of C against one B panel (columns j..j+cols) for the k-slice [p0, p0+kc). */
    private void multiplyPanel(float[] pb, int bi, int width, int j, int cols, int ib, int ibEnd, int p0, int kc,
                               boolean store, float[] pa, float[] tile) {
        for (int i = ib; i < ibEnd; i += MR) {
            int rows = Math.min(MR, ibEnd - i);
            int ci = cOff + i * ldc + j;
            if (rows == MR && cols == width) {
                tile(width, kc, a, aOff + i * rs + p0 * cs, rs, cs, pb, bi, c, ci, ldc, !store);
                continue;
            }
            float[] src = a;
            int ai = aOff + i * rs + p0 * cs, ars = rs, acs = cs;
            if (rows < MR) {
                SgemmPacking.packPartialA(a, aOff, rs, cs, i, rows, p0, kc, pa);
                src = pa;
                ai = 0;
                ars = 1;
                acs = MR;
            }
            boolean masked = MASKED_EDGES && width == SgemmMicroKernel.LANES;
            if (!store) {
                copy(c, ci, ldc, tile, 0, width, rows, cols, masked);
            }
            tile(width, kc, src, ai, ars, acs, pb, bi, tile, 0, width, !store);
            if (!masked && width == SgemmMicroKernel.LANES && j == 0 && ldc == cols) {
                spillRows(tile, width, c, ci, ldc, rows, cols);
            } else {
                copy(tile, 0, width, c, ci, ldc, rows, cols, masked);
            }
        }
    }

    private static void tile(int width, int kc, float[] a, int ai, int rs, int cs, float[] pb, int bi,
                             float[] out, int oi, int ldo, boolean accumulate) {
        if (width == NR) {
            SgemmMicroKernel.wide(kc, a, ai, rs, cs, pb, bi, out, oi, ldo, accumulate);
        } else {
            SgemmMicroKernel.narrow(kc, a, ai, rs, cs, pb, bi, out, oi, ldo, accumulate);
        }
    }

    /**
     * Rows × cols between C and the scratch tile; {@code masked} (cols at most LANES) moves each row
     * as one vector under a lane mask instead of System.arraycopy (see MASKED_EDGES).
     */
    private static void copy(float[] src, int si, int lds, float[] dst, int di, int ldd, int rows, int cols,
                             boolean masked) {
        if (masked) {
            VectorMask<Float> lanes = SgemmMicroKernel.SPECIES.indexInRange(0, cols);
            for (int r = 0; r < rows; r++) {
                FloatVector.fromArray(SgemmMicroKernel.SPECIES, src, si + r * lds, lanes).intoArray(dst, di + r * ldd, lanes);
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, si + r * lds, dst, di + r * ldd, cols);
        }
    }

    /**
     * A narrow tile's rows into a C that is only this one narrow panel wide and stored without
     * gaps (ldc = cols, under LANES), in order: a row whose whole vector still ends inside the tile
     * is stored as that vector, which also writes the first elements of the rows after it, each
     * rewritten by its own store later on; the last rows by arraycopy, so nothing past the tile
     * (another thread's rows, or whatever follows C) is touched. Measured on JDK 17 against
     * arraycopy for every row (one process, alternating rounds, five processes): 256×256·256×10
     * 1.00–1.21× (median 1.18), the output layer's forward 1.03–1.16×, its weight gradient
     * 1.00–1.19×. JDK 25 uses masked stores instead (MASKED_EDGES), as fast as this there (±2%).
     */
    private static void spillRows(float[] tile, int width, float[] c, int ci, int ldc, int rows, int cols) {
        int r = 0;
        for (; r * ldc + width <= rows * ldc; r++) {
            FloatVector.fromArray(SgemmMicroKernel.SPECIES, tile, r * width).intoArray(c, ci + r * ldc);
        }
        for (; r < rows; r++) {
            System.arraycopy(tile, r * width, c, ci + r * ldc, cols);
        }
    }

    private float[] packedB(int n, int k, int j0, int j1) {
        int length = SgemmPacking.bPackedLength(n, k, j0, j1);
        if (packedB.length < length) {
            packedB = new float[length];
        }
        return packedB;
    }

    /**
     * A buffer of at least {@code length} floats for ShortWide's Cᵀ (contents undefined): this
     * thread's kept one, so the output layer's weight gradient allocates nothing per step, or a
     * new one above KEPT_TRANSPOSED_C floats, which a thread should not hold on to.
     */
    float[] transposedC(int length) {
        if (length > KEPT_TRANSPOSED_C) {
            return new float[length];
        }
        if (transposedC.length < length) {
            transposedC = new float[length];
        }
        return transposedC;
    }

    private static final int KEPT_TRANSPOSED_C = 1 << 18;

    private float[] partialA(int kc) {
        if (partialA.length < MR * kc) {
            partialA = new float[MR * kc];
        }
        return partialA;
    }
}
