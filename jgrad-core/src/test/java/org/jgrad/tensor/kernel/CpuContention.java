package org.jgrad.tensor.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used by other processes while a benchmark batch runs (Linux /proc), so that batches
 * measured while someone else was compiling on this shared machine can be thrown away.
 */
final class CpuContention {
    private long busyAll;
    private long busyOurs;

    /** Starts a measurement window. */
    void start() {
        busyAll = allBusyTicks();
        busyOurs = ourTicks();
    }

    /** Clock ticks (1/100 s) other processes used since {@link #start()}; 0 where /proc is unreadable. */
    long otherTicks() {
        long all = allBusyTicks() - busyAll, ours = ourTicks() - busyOurs;
        return Math.max(0, all - ours);
    }

    private static long allBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long ourTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split("\\s+");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
