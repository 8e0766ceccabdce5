package org.jgrad.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChunkRangesTest {

    /** What a driver thread does: its own range first, then the others' in turn. */
    private static List<Integer> takeAll(ChunkRanges ranges, int t) {
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < ranges.ranges(); i++) {
            for (int chunk; (chunk = ranges.take((t + i) % ranges.ranges())) >= 0; ) {
                taken.add(chunk);
            }
        }
        return taken;
    }

    @Test
    void aThreadAloneTakesItsOwnRangeFirstThenTheOthers() {
        ChunkRanges ranges = new ChunkRanges();
        ranges.reset(1, 10, 1, 10, 3); // one row, ten column chunks; ranges [0, 3), [3, 6), [6, 10)
        assertThat(takeAll(ranges, 1)).containsExactly(3, 4, 5, 6, 7, 8, 9, 0, 1, 2);
        assertThat(takeAll(ranges, 0)).isEmpty();
    }

    @Test
    void resetStartsAgainAndGrowsForMoreRanges() {
        ChunkRanges ranges = new ChunkRanges();
        ranges.reset(1, 4, 1, 4, 2);
        takeAll(ranges, 0);
        ranges.reset(5, 1, 5, 1, 5);
        assertThat(takeAll(ranges, 4)).containsExactly(4, 0, 1, 2, 3);
    }

    @Test
    void theChunksTileThePanelsOnceWithTheirColumnChunk() {
        ChunkRanges ranges = new ChunkRanges();
        ranges.reset(5, 7, 2, 3, 2); // rows cut 0-2, 2-5; columns 0-2, 2-4, 4-7
        // range 1 is chunks 3..5, then range 0's 0..2; chunk = column chunk · 2 + row chunk
        assertThat(slices(ranges, 1, 5, 7))
                .containsExactly("1:2-5×2-4", "2:0-2×4-7", "2:2-5×4-7", "0:0-2×0-2", "0:2-5×0-2", "1:0-2×2-4");
    }

    /**
     * Slices a lone thread t computes, which are all of them, as "column chunk:rows×columns";
     * checks that they cover every panel once.
     */
    private static List<String> slices(ChunkRanges ranges, int t, int rowPanels, int colPanels) {
        int[][] covered = new int[rowPanels][colPanels];
        List<String> slices = new ArrayList<>();
        ranges.runTaken(t, (cc, r0, r1, c0, c1) -> {
            slices.add(cc + ":" + r0 + "-" + r1 + "×" + c0 + "-" + c1);
            for (int r = r0; r < r1; r++) {
                for (int c = c0; c < c1; c++) {
                    covered[r][c]++;
                }
            }
        });
        for (int[] row : covered) {
            assertThat(row).containsOnly(1);
        }
        return slices;
    }

    @Test
    void aColumnSplitWithFewerPanelsThanChunksAlsoCutsRows() {
        ChunkRanges ranges = new ChunkRanges();
        // 784×256·256×256 on two threads: 98 row panels, 8 column panels, 16 chunks wanted
        assertThat(ranges.plan(784, 256, 256, 98, 8, false, 2)).isEqualTo(2);
        List<String> cut = slices(ranges, 0, 98, 8);
        assertThat(cut).hasSize(16);
        // a thread's own range walks the row halves of one column panel in turn, so it packs that panel once
        assertThat(cut.subList(0, 4)).containsExactly("0:0-49×0-1", "0:49-98×0-1", "1:0-49×1-2", "1:49-98×1-2");

        ranges.plan(1024, 1024, 1024, 128, 32, false, 2); // enough column panels: no row cut
        assertThat(slices(ranges, 0, 128, 32)).hasSize(16).allMatch(s -> s.contains(":0-128×"));

        ranges.plan(256, 32, 2048, 32, 1, false, 2); // one column panel: a row split, whole rows of panels
        assertThat(slices(ranges, 0, 32, 1)).hasSize(16).allMatch(s -> s.startsWith("0:") && s.endsWith("×0-1"));
    }

    @Test
    void concurrentThreadsTakeEveryChunkExactlyOnce() throws InterruptedException {
        int threads = 4;
        int chunks = 1000;
        ChunkRanges ranges = new ChunkRanges();
        for (int round = 0; round < 20; round++) {
            ranges.reset(chunks, 1, chunks, 1, threads);
            AtomicIntegerArray times = new AtomicIntegerArray(chunks);
            CountDownLatch start = new CountDownLatch(1);
            Thread[] workers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int me = t;
                workers[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int chunk : takeAll(ranges, me)) {
                        times.incrementAndGet(chunk);
                    }
                });
                workers[t].start();
            }
            start.countDown();
            for (Thread w : workers) {
                w.join();
            }
            for (int c = 0; c < chunks; c++) {
                assertThat(times.get(c)).as("chunk %d in round %d", c, round).isEqualTo(1);
            }
        }
    }
}
