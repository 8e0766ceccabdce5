package peers;

import java.util.Arrays;

/** Warm-up, then rounds of calls; the median, fastest and slowest seconds per call. */
final class Timing {
    private Timing() {
    }

    static double[] medianSeconds(Runnable work, double warmupSeconds, int rounds, double roundSeconds) {
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        long t0 = System.nanoTime();
        int calls = 0;
        do {
            work.run();
            calls++;
        } while (System.nanoTime() < end);
        double perCall = (System.nanoTime() - t0) / 1e9 / calls;
        int perRound = (int) Math.max(1, roundSeconds / perCall);
        double[] t = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long s = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                work.run();
            }
            t[r] = (System.nanoTime() - s) / 1e9 / perRound;
        }
        Arrays.sort(t);
        return new double[] {t[rounds / 2], t[0], t[rounds - 1]};
    }
}
