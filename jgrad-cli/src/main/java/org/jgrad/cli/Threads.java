package org.jgrad.cli;

/** The --threads option of every command. */
final class Threads {
    private Threads() {
    }

    static void apply(Integer threads) {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
            }
            org.jgrad.tensor.kernel.Parallel.setThreads(threads);
        }
    }

    static int count() {
        return org.jgrad.tensor.kernel.Parallel.threads();
    }
}
