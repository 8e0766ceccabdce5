package org.jgrad.tensor.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * jgrad's one fixed thread pool: {@link #forEach(int, IntConsumer)} runs tasks {@code 0..tasks-1}
 * across {@link #threads()} threads, the calling thread included, and returns when all are done.
 *
 * <p>Tasks are split statically into contiguous ranges, one per participating thread, so a kernel
 * that derives its work from the task index gets the same partition, and the same results, on
 * every run; a range whose worker has not started when the caller is done with its own is run by
 * the caller. Calls made from inside a task, or while another thread is using the pool, run
 * inline on the calling thread. {@link #setThreads} must not be called from inside a task.
 *
 * <p>Pool size: env {@code JGRAD_NUM_THREADS}, else system property {@code jgrad.threads}, else
 * {@link Runtime#availableProcessors()}; {@link #setThreads(int)} changes it at run time.
 */
public final class Parallel {
    /**
     * Element-wise work (kernels, optimizer updates) is split across the pool only above this many
     * elements per thread ({@code -Djgrad.elementGrain=N} to change). Measured inside the MLP's
     * training step on 2 cores: a 65,536-element relu ran slower split in two (its input had just
     * been written half by each core, and a hand-off costs microseconds) than on one thread.
     */
    public static final int ELEMENT_GRAIN = Integer.getInteger("jgrad.elementGrain", 65_536);

    private static final AtomicBoolean RESIZING = new AtomicBoolean();
    private static volatile WorkerPool pool = new WorkerPool(initialThreads());

    private Parallel() {}

    /** The number of threads {@link #forEach} spreads work over (≥ 1). */
    public static int threads() {
        return pool.size();
    }

    /** Resizes the pool to {@code n} threads (the caller counts as one); waits for a running call. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Parallel.setThreads: thread count must be >= 1, got " + n);
        }
        while (!RESIZING.compareAndSet(false, true)) {
            Thread.onSpinWait();
        }
        try {
            WorkerPool old = pool;
            if (old.size() == n) {
                return;
            }
            old.acquireForShutdown();
            pool = new WorkerPool(n);
            old.shutdown();
        } finally {
            RESIZING.set(false);
        }
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code 0..tasks-1} and returns when all
     * have finished. An exception thrown by a task is rethrown here (checked ones wrapped).
     */
    public static void forEach(int tasks, IntConsumer body) {
        if (tasks < 0) {
            throw new IllegalArgumentException("Parallel.forEach: task count must be >= 0, got " + tasks);
        }
        WorkerPool current = pool;
        if (tasks <= 1 || current.size() == 1 || !current.tryAcquire()) {
            runInline(tasks, body);
            return;
        }
        current.runAcquired(tasks, body);
    }

    /** A piece of a range: indices from (inclusive) to (exclusive). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous pieces of at least {@code grain}
     * indices and runs them across the pool; below two grains it runs inline. The split depends only
     * on n, grain and the thread count, so element-wise work gives the same result on every run.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int pieces = (int) Math.min(threads(), n / Math.max(1L, grain));
        if (pieces <= 1) {
            body.run(0, n);
            return;
        }
        forEach(pieces, t -> body.run((int) ((long) n * t / pieces), (int) ((long) n * (t + 1) / pieces)));
    }

    private static void runInline(int tasks, IntConsumer body) {
        for (int i = 0; i < tasks; i++) {
            body.accept(i);
        }
    }

    private static int initialThreads() {
        Integer fromEnv = parsePositive(System.getenv("JGRAD_NUM_THREADS"), "env JGRAD_NUM_THREADS");
        if (fromEnv != null) {
            return fromEnv;
        }
        Integer fromProperty = parsePositive(System.getProperty("jgrad.threads"), "property jgrad.threads");
        if (fromProperty != null) {
            return fromProperty;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** A malformed setting is reported and skipped rather than failing class initialisation. */
    private static Integer parsePositive(String value, String source) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // fall through to the warning
        }
        System.getLogger(Parallel.class.getName()).log(System.Logger.Level.WARNING,
                "ignoring " + source + "='" + value + "': expected a whole number >= 1");
        return null;
    }
}
