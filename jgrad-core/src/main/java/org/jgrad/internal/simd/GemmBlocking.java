package org.jgrad.internal.simd;

/**
 * Block sizes and work splits for the Vector-API GEMM, measured on a 2-core AMD Zen 5
 * (48 KiB L1d, 1 MiB L2 per core). See Note [GEMM blocking].
 *
 * <p>Note [GEMM blocking]: the loops run k-block → A block (up to MC rows) → B panel → A panel.
 * A kc×NR slice of a B panel (KC=256: 32 KiB for float) stays in L1 while every MR-row A panel of
 * the block streams past it from L2, where the packed A block (MC×KC, 256 KiB) lives. All of B is
 * packed once per call, k-blocks included, and shared read-only by the threads, so no thread packs
 * B twice; threads split C's row panels (column panels when rows are few) and pack only their own
 * A. Work is split statically, and the split never changes the order of the sums, so results are
 * identical for any thread count.
 */
final class GemmBlocking {
    /** Depth of a k-block; k is cut into equal blocks of at most this. */
    static final int KC = Integer.getInteger("jgrad.gemm.kc", 256);
    /** Rows of A packed at once (a multiple of MR). */
    static final int MC = Integer.getInteger("jgrad.gemm.mc", 256);
    /**
     * Below this many multiply-adds (m·n·k) a call stays on the calling thread: measured, two
     * threads start to win between 0.5 and 0.9 million (a hand-off costs a few microseconds).
     */
    static final long PARALLEL_MIN_MNK = Long.getLong("jgrad.gemm.parallelMin", 600_000L);

    private GemmBlocking() {}

    /** Depth of each k-block: k cut into equal blocks of at most KC. */
    static int kBlockDepth(int k) {
        int blocks = Math.max(1, (k + KC - 1) / KC);
        return Math.max(1, (k + blocks - 1) / blocks);
    }

    /** Rows per A block for a slice of {@code rows} rows: at most MC, equal blocks, multiple of mr. */
    static int blockRows(int rows, int mr) {
        int blocks = Math.max(1, (rows + MC - 1) / MC);
        int perBlock = (rows + blocks - 1) / blocks;
        return (perBlock + mr - 1) / mr * mr;
    }

    /** Threads for a whole call: one for small problems, and never more than there are panels. */
    static int threadsFor(long mnk, int rowPanels, int colPanels, int poolThreads) {
        if (poolThreads <= 1 || mnk < PARALLEL_MIN_MNK) {
            return 1;
        }
        return Math.min(poolThreads, Math.max(rowPanels, colPanels));
    }

    /**
     * Split C by column panels when they share out evenly: each thread then packs only its part of
     * B and nothing is packed twice. Otherwise split by row panels (each thread packs all of B).
     * A narrow last panel is half the work of the others, hence {@code lastPanelNarrow}.
     */
    static boolean splitRows(int rowPanels, int colPanels, boolean lastPanelNarrow, int threads) {
        boolean columnsEven = colPanels >= 4 * threads || (colPanels % threads == 0 && !lastPanelNarrow);
        return !(colPanels >= threads && columnsEven) && rowPanels >= threads;
    }

    /** Start of part {@code i} of {@code parts} equal static parts of {@code total}. */
    static int share(int total, int parts, int i) {
        return (int) ((long) total * i / parts);
    }
}
