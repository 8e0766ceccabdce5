package org.jgrad.bench;

import java.util.Arrays;

/**
 * Times a piece of work the way the team reports numbers: warm-up first (C2 recompiles kernels
 * several times in the first second), then several timed rounds, and the median with its range.
 */
final class Measure {
    /** Seconds per call: median, fastest and slowest round. */
    record Result(double median, double min, double max, int calls) {
    }

    private Measure() {
    }

    /**
     * @param warmupSeconds how long to run before timing
     * @param rounds        timed rounds
     * @param roundSeconds  target length of one round (calls per round are chosen to fill it)
     */
    static Result time(Runnable work, double warmupSeconds, int rounds, double roundSeconds) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int calls = 0;
        long t0 = System.nanoTime();
        do {
            work.run();
            calls++;
        } while (System.nanoTime() < end);
        double perCall = (System.nanoTime() - t0) / 1e9 / calls;
        int perRound = (int) Math.max(1, Math.min(1_000_000, roundSeconds / Math.max(perCall, 1e-9)));
        double[] times = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                work.run();
            }
            times[r] = (System.nanoTime() - s) / 1e9 / perRound;
        }
        Arrays.sort(times);
        return new Result(times[rounds / 2], times[0], times[rounds - 1], perRound * rounds);
    }
}
