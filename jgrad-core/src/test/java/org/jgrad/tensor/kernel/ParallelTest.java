package org.jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ParallelTest {
    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5})
    void everyTaskRunsExactlyOnce(int threads) {
        Parallel.setThreads(threads);
        for (int tasks : new int[] {0, 1, 2, 3, 7, 100, 1001}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            for (int repeat = 0; repeat < 50; repeat++) {
                Parallel.forEach(tasks, runs::incrementAndGet);
            }
            for (int i = 0; i < tasks; i++) {
                assertThat(runs.get(i)).as("task %d of %d at %d threads", i, tasks, threads).isEqualTo(50);
            }
        }
    }

    @Test
    void theCallingThreadTakesPartAndWorkersAreNamedDaemons() {
        Parallel.setThreads(2);
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch bothStarted = new CountDownLatch(2);
        Parallel.forEach(2, i -> {
            seen.add(Thread.currentThread());
            bothStarted.countDown();
            await(bothStarted); // only returns if the two tasks really run at the same time
        });
        assertThat(seen).contains(Thread.currentThread()).hasSize(2);
        Thread worker = seen.stream().filter(t -> t != Thread.currentThread()).findFirst().orElseThrow();
        assertThat(worker.getName()).isEqualTo("jgrad-worker-1");
        assertThat(worker.isDaemon()).isTrue();
    }

    @Test
    void aLateWorkersShareIsRunByTheCaller() {
        Parallel.setThreads(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        // Many short jobs back to back: some shares are taken over, none is lost or run twice.
        for (int repeat = 0; repeat < 20_000; repeat++) {
            Parallel.forEach(2, runs::incrementAndGet);
        }
        assertThat(runs.get(0)).isEqualTo(20_000);
        assertThat(runs.get(1)).isEqualTo(20_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void anExceptionInATaskReachesTheCaller(int failingTask) {
        Parallel.setThreads(2);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Parallel.forEach(2, i -> {
            if (i == failingTask) {
                throw boom;
            }
        })).isSameAs(boom);
        AtomicInteger after = new AtomicInteger();
        Parallel.forEach(2, i -> after.incrementAndGet());
        assertThat(after).hasValue(2); // the pool still works
    }

    @Test
    void errorsAreRethrownAsTheyAre() {
        Parallel.setThreads(2);
        AssertionError error = new AssertionError("bad");
        assertThatThrownBy(() -> Parallel.forEach(2, i -> {
            if (i == 1) {
                throw error;
            }
        })).isSameAs(error);
    }

    @Test
    void nestedCallsRunInline() {
        Parallel.setThreads(2);
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        Parallel.forEach(4, outer -> Parallel.forEach(4, inner -> runs.incrementAndGet(outer * 4 + inner)));
        for (int i = 0; i < 16; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
    }

    @Test
    void callsFromSeveralThreadsAtOnceAllComplete() throws InterruptedException {
        Parallel.setThreads(2);
        AtomicInteger total = new AtomicInteger();
        Thread[] callers = new Thread[4];
        for (int t = 0; t < callers.length; t++) {
            callers[t] = new Thread(() -> {
                for (int r = 0; r < 200; r++) {
                    Parallel.forEach(3, i -> total.incrementAndGet());
                }
            });
            callers[t].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(total).hasValue(4 * 200 * 3);
    }

    @Test
    void resizingWorksAndRejectsNonsense() {
        Parallel.setThreads(3);
        assertThat(Parallel.threads()).isEqualTo(3);
        Parallel.setThreads(1);
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        Parallel.forEach(5, i -> seen.add(Thread.currentThread()));
        assertThat(seen).containsExactly(Thread.currentThread());
        assertThatThrownBy(() -> Parallel.setThreads(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
        assertThatThrownBy(() -> Parallel.forEach(-1, i -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got -1");
    }

    @Test
    void aWorkerThatParkedWakesUpForTheNextJob() throws InterruptedException {
        Parallel.setThreads(2);
        Parallel.forEach(2, i -> { });
        Thread.sleep(20); // far longer than the spin window, so the worker is parked
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        Parallel.forEach(2, runs::incrementAndGet);
        assertThat(runs.get(0) + runs.get(1)).isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("both tasks running concurrently").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
