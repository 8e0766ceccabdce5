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

    private AtomicIntegerArray next = new AtomicIntegerArray(2 * LINE);
    private int chunks, ranges;

    /** Shares out chunks 0..chunks-1 as {@code ranges} contiguous ranges. */
    void reset(int chunks, int ranges) {
        if (next.length() < (ranges + 1) * LINE) {
            next = new AtomicIntegerArray((ranges + 1) * LINE);
        }
        this.chunks = chunks;
        this.ranges = ranges;
        for (int r = 0; r < ranges; r++) {
            next.set((r + 1) * LINE, GemmBlocking.share(chunks, ranges, r));
        }
    }

    int ranges() {
        return ranges;
    }

    /** Takes the next chunk of range r, or returns -1 when the range is used up. */
    int take(int r) {
        int chunk = next.getAndIncrement((r + 1) * LINE);
        return chunk < GemmBlocking.share(chunks, ranges, r + 1) ? chunk : -1;
    }
}
