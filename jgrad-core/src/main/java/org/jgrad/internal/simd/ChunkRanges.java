package org.jgrad.internal.simd;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The chunks of one parallel GEMM call, shared out as contiguous ranges, one per thread. Each
 * thread takes the chunks of its own range first, then what is left of the others' ranges; a chunk
 * is taken exactly once. See Note [Chunks taken in turn] in GemmBlocking.
 *
 * <p>When the cores run equally fast every thread computes just its own range, the same one call
 * after call, so the rows of A and C it touched last time are still in its caches; a faster core
 * finishes early and takes the tail of a slower one's range. Each range's counter sits on a cache
 * line of its own, so taking from one's own range moves no line between the cores.
 */
final class ChunkRanges {
    private static final int LINE = 16; // ints per cache line

    /** What a thread does with a chunk: row panels [r0, r1) × column panels [c0, c1), column chunk cc. */
    interface Slice {
        void compute(int cc, int r0, int r1, int c0, int c1);
    }

    private AtomicIntegerArray next = new AtomicIntegerArray(2 * LINE);
    private int rowPanels, colPanels, rowChunks, colChunks, ranges;

    /**
     * Cuts rowPanels × colPanels panels into rowChunks × colChunks chunks (row chunks vary fastest)
     * and shares them out as {@code ranges} contiguous ranges.
     */
    void reset(int rowPanels, int colPanels, int rowChunks, int colChunks, int ranges) {
        this.rowPanels = rowPanels;
        this.colPanels = colPanels;
        this.rowChunks = rowChunks;
        this.colChunks = colChunks;
        this.ranges = ranges;
        if (next.length() < (ranges + 1) * LINE) {
            next = new AtomicIntegerArray((ranges + 1) * LINE);
        }
        for (int r = 0; r < ranges; r++) {
            next.set((r + 1) * LINE, GemmBlocking.share(rowChunks * colChunks, ranges, r));
        }
    }

    /**
     * Plans one call: how many threads run it (GemmBlocking.threadsFor) and, for more than one,
     * the cut of C into chunks (see Note [Chunks taken in turn] in GemmBlocking): whole row panels
     * or whole column panels per chunk, as GemmBlocking.splitRows chooses. When C has fewer column
     * panels than chunks wanted, each column chunk is also cut by rows, so the last chunk a thread
     * waits for stays short. Returns the thread count.
     */
    int plan(int m, int n, int k, int rowPanels, int colPanels, boolean lastPanelNarrow, int poolThreads) {
        int threads = GemmBlocking.threadsFor(m, n, k, rowPanels, colPanels, poolThreads);
        if (threads == 1) {
            reset(rowPanels, colPanels, 1, 1, 1);
            return 1;
        }
        int wanted = GemmBlocking.chunks(threads, (long) m * n * k);
        if (GemmBlocking.splitRows(rowPanels, colPanels, lastPanelNarrow, threads)) {
            reset(rowPanels, colPanels, Math.min(rowPanels, wanted), 1, threads);
            return threads;
        }
        int colChunks = Math.min(colPanels, wanted);
        int rowChunks = Math.min(rowPanels, (wanted + colChunks - 1) / colChunks);
        reset(rowPanels, colPanels, rowChunks, colChunks, threads);
        return threads;
    }

    int ranges() {
        return ranges;
    }

    /** Runs {@code slice} on every chunk thread t takes: those of range t, then what is left of the others. */
    void runTaken(int t, Slice slice) {
        for (int i = 0; i < ranges; i++) {
            for (int chunk; (chunk = take((t + i) % ranges)) >= 0; ) {
                int rc = chunk % rowChunks, cc = chunk / rowChunks;
                int r0 = GemmBlocking.share(rowPanels, rowChunks, rc), r1 = GemmBlocking.share(rowPanels, rowChunks, rc + 1);
                int c0 = GemmBlocking.share(colPanels, colChunks, cc), c1 = GemmBlocking.share(colPanels, colChunks, cc + 1);
                if (r0 < r1 && c0 < c1) {
                    slice.compute(cc, r0, r1, c0, c1);
                }
            }
        }
    }

    /** Takes the next chunk of range r, or returns -1 when the range is used up. */
    int take(int r) {
        int chunk = next.getAndIncrement((r + 1) * LINE);
        return chunk < GemmBlocking.share(rowChunks * colChunks, ranges, r + 1) ? chunk : -1;
    }
}
