package org.jgrad.internal.simd;

/**
 * Block sizes and work splits for the Vector-API GEMM, measured on a 2-core AMD Zen 5
 * (48 KiB L1d, 1 MiB L2 per core). See Note [GEMM blocking].
 *
 * <p>Note [GEMM blocking]: the loops run k-block (KC deep) → block of up to MC rows of C → B panel
 * (NR columns) → MR rows. The kc×NR slice of the packed B panel is reused by every MR-row step of
 * the row block, and the rows of A stream through once per B panel. For float, KC = 2048: every k
 * up to 2048 is one block, so each C tile is loaded and stored once, and the A rows are long
 * forward streams. Measured in-process against the earlier KC = 384 (alternating rounds, medians
 * of paired ratios, one thread unless said): 1024³ +5–14%, two threads +7%; the MLP's 256×256
 * with k = 784 +4–8%; 2048³ +3–10%; 512³ +4%. KC = 1024 gained less at 2048³ (+1%). For double
 * the larger block gained nothing (±5%, two threads slower), so KC_DOUBLE stays 384. MC is 256
 * rows unless Note [A blocks in L2] cuts it. Running each panel's k in inner blocks of 256 (so
 * the B slice sits in L1, and C's tile is stored and reloaded between blocks) measured 2–7%
 * slower. There is no NC loop: each thread packs its
 * whole part of B (all of k) once per call, and the buffer stays with the thread, so a very large
 * B (k·n in the tens of millions) keeps that much memory per thread; up to 2048³ this measured as
 * fast as blocking would need to be.
 *
 * <p>Note [Chunks taken in turn]: a parallel call cuts C into up to CHUNKS_PER_THREAD chunks per
 * thread (fewer when a chunk would hold under MIN_CHUNK_MNK multiply-adds), whole column panels
 * when the panels share out evenly (each chunk then packs only its own part of B and nothing is
 * packed twice), otherwise whole row panels (each thread packs all of B once). When there are
 * fewer column panels than chunks (the MLP's products with n = 256 have 8), each column chunk is
 * cut by rows as well; a thread's own range walks the row pieces of one column panel in turn and
 * packs it once. Measured in-process on two threads against whole column panels (alternating
 * rounds, medians of paired ratios), JDK 17 and 25: 784×256·256×256 +1.4–5.6%, 256×256·256×784
 * +1.3–3.1%; before, the thread that finished first waited for up to a whole panel's work (in the
 * 784-row call, 48–67 µs of 345). The chunks are shared out as one contiguous range per thread (ChunkRanges); a thread takes its own range first
 * and then what is left of the others', so a core that runs faster takes more. The two cores of
 * this VM are not always equal: in some spells one ran the MLP's 256×256·256×784 at 121 GFLOP/s
 * and the other at 166–181, and with one static slice per thread the fast core then waited for the
 * slow one. Measured in-process against one static slice per thread, two threads (alternating
 * rounds, medians of paired ratios): in such a spell, with one panel per chunk taken from a single
 * shared counter, +17–23% at 1024³ and the MLP's shapes and +8% at 2048³. With equal cores, one
 * panel per chunk cost 10% at 2048³ (each chunk streams all of A again), and at most eight chunks
 * per thread measured ±5%, hence that bound. A single shared counter also lost 10–25% on the
 * narrow 256×256·256×10 (each call handed the rows to other threads than the last, and its line
 * moved between the cores at every take); own ranges first and the minimum chunk size brought it
 * back to the static split's 114–120 GFLOP/s. Packed B is never shared between threads: measured,
 * a shared buffer cost more in cache-line traffic between the cores (each call rewrites lines the
 * other core had read) than packing it twice. Which thread computes a chunk never changes the
 * order of any sum, so results are bit-identical for every thread count.
 *
 * <p>Note [A blocks in L2]: for each B panel the whole A block (MC rows × k) streams through the
 * kernel, so a block that fills the 1 MiB L2 is read again from L3 for every panel. With float and
 * k near 1000, MC = 256 makes a 1 MiB block; cutting the block to 256 KiB (64 rows) measured
 * in-process, one thread unless said: 1024³ +4–10% (two threads +5%, JDK 25 +4%), 1000³ and 1032³
 * +3–5%, 1536³ +2–4%; 512³, 768³ and the MLP's shapes ±1%. A smaller block also means B is
 * streamed again for every block, and when B is large that costs more than it saves: 2048³ (16 MiB
 * of B) was 5–11% slower with 32–128 rows, hence the bound on B's size. Not measured for double.
 *
 * <p>Note [Unpacked A]: the micro-kernel broadcasts op(A) elements straight from the caller's
 * array, addressing element (i, p) as {@code a[off + i·rs + p·cs]}, which covers A and Aᵀ alike.
 * Packing A cost 10% of the MLP's forward GEMM and bought nothing measurable: the 8 rows stream
 * forward and the block is in L2 after the first panel. Measured again in-process on 2026-11-30
 * (each row block packed MR-interleaved, then shared by every B panel): 3–7% slower at 1024³ and
 * at each of the MLP's shapes. Only the last rows of A, when m is not a multiple of MR, are
 * copied into a zero-padded panel.
 */
final class GemmBlocking {
    // Tuning knobs (system properties), read once; the defaults are the measured best.

    /** Depth of a float k-block; k is cut into equal blocks of at most this. */
    static final int KC = Integer.getInteger("jgrad.gemm.kc", 2048);
    /** The same for double. */
    static final int KC_DOUBLE = Integer.getInteger("jgrad.gemm.kcDouble", 384);
    /** Rows of C (and of A) per block for float; half as many for double, so the A block's bytes match. */
    static final int MC = Integer.getInteger("jgrad.gemm.mc", 256);
    /**
     * Below this many multiply-adds (m·n·k) a call stays on the calling thread: measured, two
     * threads start to win between 0.5 and 0.9 million (a hand-off costs a few microseconds).
     */
    static final long PARALLEL_MIN_MNK = Long.getLong("jgrad.gemm.parallelMin", 600_000L);

    /** Bytes of A per row block, at most, when B is small (see blockRows). */
    private static final int A_BLOCK_BYTES = 256 * 1024;
    /** B up to this many bytes counts as small enough for smaller A blocks. */
    private static final long SMALL_B_BYTES = 8L << 20;
    /** The fewest rows an A block is cut to. */
    private static final int MIN_MC = 64;

    /** A product with k below this, and C smaller than SHALLOW_MIN_MN, stays on one thread. */
    private static final int SHALLOW_K = 32;
    private static final long SHALLOW_MIN_MN = 512L * 1024;
    /** Chunks of C per thread in a parallel call, at most; see Note [Chunks taken in turn]. */
    private static final int CHUNKS_PER_THREAD = Integer.getInteger("jgrad.gemm.chunksPerThread", 8);
    /** Multiply-adds in a chunk, at least, unless there is only one chunk per thread. */
    private static final long MIN_CHUNK_MNK = 1L << 20;

    private GemmBlocking() {}

    /** Depth of each k-block: k cut into equal blocks of at most KC (KC_DOUBLE for 8-byte elements). */
    static int kBlockDepth(int k, int elementBytes) {
        int depth = elementBytes == Double.BYTES ? KC_DOUBLE : KC;
        int blocks = Math.max(1, (k + depth - 1) / depth);
        return Math.max(1, (k + blocks - 1) / blocks);
    }

    /**
     * Rows per A block for a slice of {@code rows} rows: at most MC (scaled to the element size),
     * in equal blocks, each a multiple of mr. Measured for dgemm: MC 128 ran 20–50% faster than 256.
     * For float, when all of B is small enough to stay near the core (k·n·4 bytes ≤ SMALL_B_BYTES),
     * the block shrinks so it holds at most A_BLOCK_BYTES of A (see Note [A blocks in L2]).
     */
    static int blockRows(int rows, int mr, int elementBytes, int k, int n) {
        int mc = Math.max(mr, MC * Float.BYTES / elementBytes);
        if (elementBytes == Float.BYTES && (long) k * n * Float.BYTES <= SMALL_B_BYTES) {
            mc = Math.max(MIN_MC, Math.min(mc, A_BLOCK_BYTES / (k * Float.BYTES)));
        }
        int blocks = Math.max(1, (rows + mc - 1) / mc);
        int perBlock = (rows + blocks - 1) / blocks;
        return (perBlock + mr - 1) / mr * mr;
    }

    /**
     * Threads for a whole call: one for small problems, and never more than there are panels.
     * A shallow product (k < SHALLOW_K) is bound by writing C, and measured no faster on two
     * threads unless C is large (256×256 with k = 10 took 12 µs on two threads, 10 µs on one).
     */
    static int threadsFor(int m, int n, int k, int rowPanels, int colPanels, int poolThreads) {
        long mn = (long) m * n;
        if (poolThreads <= 1 || mn * k < PARALLEL_MIN_MNK || (k < SHALLOW_K && mn < SHALLOW_MIN_MN)) {
            return 1;
        }
        return Math.min(poolThreads, Math.max(rowPanels, colPanels));
    }

    /**
     * Cut C by column panels when they share out evenly between the threads, otherwise by row
     * panels (see Note [Chunks taken in turn]).
     * A narrow last panel is half the work of the others, hence {@code lastPanelNarrow}.
     */
    static boolean splitRows(int rowPanels, int colPanels, boolean lastPanelNarrow, int threads) {
        boolean columnsEven = colPanels >= 4 * threads || (colPanels % threads == 0 && !lastPanelNarrow);
        return !(colPanels >= threads && columnsEven) && rowPanels >= threads;
    }

    /**
     * Chunks to cut a product of {@code mnk} multiply-adds into for {@code threads} threads: up to
     * CHUNKS_PER_THREAD per thread, but none smaller than MIN_CHUNK_MNK (see Note [Chunks taken in
     * turn]).
     */
    static int chunks(int threads, long mnk) {
        long perThread = Math.max(1, Math.min(CHUNKS_PER_THREAD, mnk / ((long) threads * MIN_CHUNK_MNK)));
        return (int) (perThread * threads);
    }

    /** Start of part {@code i} of {@code parts} equal static parts of {@code total}. */
    static int share(int total, int parts, int i) {
        return (int) ((long) total * i / parts);
    }
}
