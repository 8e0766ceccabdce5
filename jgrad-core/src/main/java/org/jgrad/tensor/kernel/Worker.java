package org.jgrad.tensor.kernel;

import java.util.concurrent.locks.LockSupport;

/**
 * One pool thread: waits for a signal (spin, then park), claims and runs its share of the job,
 * reports. A share the caller has already taken over is skipped (Note [Late workers]).
 */
final class Worker extends Thread {
    private final WorkerPool pool;
    private final int participant;
    private volatile boolean go;
    private volatile boolean parked;
    private volatile boolean stop;

    Worker(WorkerPool pool, int participant) {
        super("jgrad-worker-" + participant);
        this.pool = pool;
        this.participant = participant;
        setDaemon(true);
    }

    /** Hands this worker the pool's current job. See Note [Spin then park] in WorkerPool. */
    void signal() {
        go = true;
        if (parked) {
            LockSupport.unpark(this);
        }
    }

    void stopSoon() {
        stop = true;
        LockSupport.unpark(this);
    }

    @Override
    public void run() {
        while (awaitSignal()) {
            go = false; // consumed before claiming: a later signal sets it again
            if (pool.tryClaim(participant)) {
                pool.runShare(participant);
                pool.workerDone();
            }
        }
    }

    /** Returns true when there is work, false when the pool is being retired. */
    private boolean awaitSignal() {
        long spinUntil = System.nanoTime() + pool.spinNanos();
        while (!go && !stop) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                parked = true;
                if (!go && !stop) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }
        return !stop;
    }
}
