package org.jgrad.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.Parallel;
import org.jgrad.tensor.kernel.Storage;
import org.jgrad.tensor.kernel.UnaryOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Note [No switch around a hot loop's vectors] as a test. Once every element-wise op has run, so
 * that no branch of a shared op switch is cold, a compiled kernel must not box its vectors: a
 * kernel that does allocates about 80 bytes per 16 floats (over 300 KB per call on 65,536 floats)
 * for as long as the process lives, while one that does not allocates at most a few hundred
 * bytes per call (its task and broadcast plan). The JIT compiles in the background, so each case
 * runs until its allocation per call falls below the bound, and fails only if it has not after
 * many seconds; it asserts no time. Skipped when the JVM has no optimizing compiler (-Xint, or
 * tiered compilation stopped below C2), where every vector is an object by design.
 *
 * <p>Not asserted: exp, log, sigmoid and tanh. Whether C2 boxes inside their loops depends on what
 * the process compiled before (see Note [One heavy loop per compilation] in VectorKernels), and no
 * short warm-up here reproduced a case that boxes: with the loops of before that note, this test
 * passed for exp and sigmoid, while a process that had trained an MLP first ran sigmoid boxed on
 * JDK 17, tanh on both JDKs until its loop was split (mapTanh), and log on JDK 17 until its loop
 * was split too (mapLog).
 */
class VectorKernelsAllocationTest {
    private static final int N = 1 << 16;
    private static final long BOUND_PER_CALL = 4096; // bytes; boxing would be ~330,000
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    private static final VectorKernels K = new VectorKernels();
    private static int threadsBefore;

    @BeforeAll
    static void oneThread() {
        threadsBefore = Parallel.threads();
        Parallel.setThreads(1); // the allocation counter is per thread
    }

    @AfterAll
    static void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    private static boolean optimizingCompiler() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return args.stream().noneMatch(a -> a.equals("-Xint") || a.matches("-XX:TieredStopAtLevel=[0-3]"));
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static Storage floats(int n, float start) {
        Storage s = Storage.allocate(DType.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            s.set(i, start + (i % 97) * 0.01f);
        }
        return s;
    }

    /** Runs every unary and binary op many times, so each op's branch has been taken. */
    private static void everyOpHasRun() {
        Storage x = floats(4096, 0.5f);
        Storage y = floats(4096, 0.25f);
        Storage out = Storage.allocate(DType.FLOAT32, 4096);
        int[] shape = {4096};
        for (int round = 0; round < 3000; round++) {
            for (UnaryOp op : UnaryOp.values()) {
                K.unary(op, x, out);
            }
            for (BinaryOp op : BinaryOp.values()) {
                K.binary(op, x, shape, y, shape, out, shape);
            }
        }
    }

    /** Bytes per call once the loop is compiled, or the last measure if it never got there. */
    private static long settledBytesPerCall(Runnable call) {
        long giveUp = System.nanoTime() + GIVE_UP_NANOS;
        long perCall;
        do {
            for (int i = 0; i < 500; i++) {
                call.run();
            }
            long before = allocatedBytes();
            for (int i = 0; i < 100; i++) {
                call.run();
            }
            perCall = (allocatedBytes() - before) / 100;
        } while (perCall > BOUND_PER_CALL && System.nanoTime() < giveUp);
        return perCall;
    }

    @Test
    void elementWiseKernelsDoNotBoxTheirVectorsOnceCompiled() {
        Assumptions.assumeTrue(optimizingCompiler(), "no optimizing compiler in this JVM");
        everyOpHasRun();
        Storage x = floats(N, -0.4f);
        Storage row = floats(256, 0.1f);
        Storage out = Storage.allocate(DType.FLOAT32, N);
        int[] matrix = {256, 256};
        Storage a = floats(256 * 16, 0.2f);
        Storage b = floats(16 * 256, -0.3f);

        Map<String, Runnable> cases = new LinkedHashMap<>();
        cases.put("relu", () -> K.unary(UnaryOp.RELU, x, out));
        cases.put("add", () -> K.binary(BinaryOp.ADD, x, matrix, x, matrix, out, matrix));
        cases.put("mul by a broadcast row", () -> K.binary(BinaryOp.MUL, x, matrix, row, new int[] {1, 256}, out, matrix));
        cases.put("relu's gradient", () -> K.binary(BinaryOp.RELU_GRAD, x, matrix, out, matrix, out, matrix));
        cases.put("gemm then relu", () -> K.gemmRelu(false, false, 256, 256, 16, a, 0, 16, b, 0, 256, 0, out, 0, 256));

        Map<String, Long> bytes = new LinkedHashMap<>();
        cases.forEach((name, call) -> bytes.put(name, settledBytesPerCall(call)));
        assertThat(bytes).allSatisfy((name, perCall) ->
                assertThat(perCall).as("bytes allocated per call by %s on 65,536 floats", name).isLessThanOrEqualTo(BOUND_PER_CALL));
    }
}
