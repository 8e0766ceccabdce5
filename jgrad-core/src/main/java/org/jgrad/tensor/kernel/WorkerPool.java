package org.jgrad.tensor.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The machinery behind {@link Parallel}: {@code size - 1} daemon workers plus the calling thread,
 * running one job at a time. See Note [Spin then park].
 *
 * <p>Note [Spin then park]: a training step issues many GEMMs and element-wise ops back to back,
 * with serial stretches of tens to hundreds of microseconds between them, and waking a parked
 * thread costs tens of microseconds. So an idle worker (and a caller waiting for workers) spins
 * for {@link #spinNanos()} before parking: 1 ms when the pool has no more threads than the machine
 * has cores, enough to bridge a whole step's gaps (measured on 2 cores: the MLP's step ran 9%
 * faster on two threads than with a 50 µs spin), and only 20 µs when the pool is oversubscribed,
 * where a spinning thread would take the core from the one it waits for. {@code
 * -Djgrad.spinMicros=N} overrides both. Whoever hands over work only unparks a thread that said it
 * is parked; both sides write their own volatile flag and then read the other's, so one of them
 * always sees the other and no wake-up is lost.
 *
 * <p>Note [Late workers]: the job's tasks are cut into one fixed contiguous share per participant.
 * A share is claimed before it runs; when the caller has finished its own share it claims and
 * runs any share a worker has not started yet, instead of waiting for a worker that the OS has not
 * scheduled (on a busy 2-core machine that wait was 50–100 µs against 10 µs of work). Which thread
 * runs a share never changes what the share computes, so results stay identical run to run.
 */
final class WorkerPool {
    private final int size;
    private final long spinNanos;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private boolean started;

    // The current job. Written by the caller before it signals the workers (a volatile write),
    // read by the workers after they see the signal, so plain fields are safely published.
    private IntConsumer body;
    private int tasks;
    private int participants;
    private final AtomicIntegerArray claimed; // per participant: 1 once its share is taken
    private final AtomicInteger finishedByWorkers = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Thread waiter;
    private volatile boolean waiterParked;

    WorkerPool(int size) {
        this.size = size;
        long defaultMicros = size <= Runtime.getRuntime().availableProcessors() ? 1000 : 20;
        this.spinNanos = Long.getLong("jgrad.spinMicros", defaultMicros) * 1000;
        this.workers = new Worker[size - 1];
        this.claimed = new AtomicIntegerArray(size);
        for (int p = 0; p < size; p++) {
            claimed.set(p, 1);
        }
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Worker(this, w + 1);
        }
    }

    int size() {
        return size;
    }

    /** How long an idle thread spins before it parks. See Note [Spin then park]. */
    long spinNanos() {
        return spinNanos;
    }

    /** Claims the pool for one job; false when it is in use (the caller should run inline). */
    boolean tryAcquire() {
        return busy.compareAndSet(false, true);
    }

    /** Waits for the running job, then keeps the pool claimed forever: it is being retired. */
    void acquireForShutdown() {
        while (!busy.compareAndSet(false, true)) {
            Thread.yield();
        }
    }

    void shutdown() {
        for (Worker worker : workers) {
            worker.stopSoon();
        }
    }

    /** Runs a job on a pool the caller has acquired; releases it before returning. */
    void runAcquired(int taskCount, IntConsumer job) {
        try {
            if (!started) {
                for (Worker worker : workers) {
                    worker.start();
                }
                started = true;
            }
            int used = Math.min(taskCount, size);
            body = job;
            tasks = taskCount;
            participants = used;
            waiter = Thread.currentThread();
            finishedByWorkers.set(0);
            for (int p = 1; p < size; p++) {
                claimed.set(p, p < used ? 0 : 1); // publishes the job fields to whoever claims
            }
            for (int w = 1; w < used; w++) {
                workers[w - 1].signal();
            }
            runShare(0);
            int byCaller = 1;
            for (int p = 1; p < used; p++) {
                if (tryClaim(p)) { // See Note [Late workers]
                    runShare(p);
                    byCaller++;
                }
            }
            awaitWorkers(used - byCaller);
            Throwable failed = failure.getAndSet(null);
            if (failed != null) {
                throw asUnchecked(failed);
            }
        } finally {
            body = null;
            busy.set(false);
        }
    }

    /** Takes participant {@code p}'s share of the current job; false if someone already has. */
    boolean tryClaim(int p) {
        return claimed.get(p) == 0 && claimed.compareAndSet(p, 0, 1);
    }

    /** Runs participant {@code p}'s contiguous range of tasks; records the first failure. */
    void runShare(int p) {
        int from = (int) ((long) tasks * p / participants);
        int to = (int) ((long) tasks * (p + 1) / participants);
        try {
            for (int i = from; i < to; i++) {
                body.accept(i);
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** A worker finished the share it claimed. */
    void workerDone() {
        finishedByWorkers.incrementAndGet();
        if (waiterParked) {
            LockSupport.unpark(waiter);
        }
    }

    private void awaitWorkers(int shares) {
        long spinUntil = System.nanoTime() + spinNanos;
        while (finishedByWorkers.get() != shares) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                waiterParked = true;
                if (finishedByWorkers.get() != shares) {
                    LockSupport.park(this);
                }
                waiterParked = false;
            }
        }
    }

    private static RuntimeException asUnchecked(Throwable t) {
        if (t instanceof RuntimeException) {
            return (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        return new RuntimeException("Parallel.forEach: a task failed", t);
    }
}
