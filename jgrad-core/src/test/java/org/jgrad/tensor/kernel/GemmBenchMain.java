package org.jgrad.tensor.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.jgrad.internal.simd.VectorGemm;

/**
 * Float32 GEMM throughput: median GFLOP/s (with min–max) of VectorGemm.sgemm at 1 and 2 threads,
 * for square sizes and the 784-256-10 MLP's training shapes (batch 256).
 *
 * <p>The machine is shared and noisy, so thread counts and shapes are interleaved pass by pass
 * (A B A B), every shape is warmed up at full size first (C2 recompiles for about a second), and
 * a batch during which another process used the CPU is measured again (up to a limit).
 * Arguments: {@code [passes] [shape-filter]}, e.g. {@code 7 mlp}.
 */
public final class GemmBenchMain {
    private record Shape(String name, int m, int n, int k, boolean transA, boolean transB) {
        double flops() {
            return 2.0 * m * n * k;
        }
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape("256^3", 256, 256, 256, false, false),
            new Shape("512^3", 512, 512, 512, false, false),
            new Shape("1024^3", 1024, 1024, 1024, false, false),
            new Shape("2048^3", 2048, 2048, 2048, false, false),
            new Shape("mlp 256x784.784x256", 256, 256, 784, false, false),
            new Shape("mlp (256x784)T.256x256", 784, 256, 256, true, false),
            new Shape("mlp 256x256.256x10", 256, 10, 256, false, false),
            new Shape("mlp 256x256.(10x256)T", 256, 10, 256, false, true),
            new Shape("mlp 256x10.10x256 (dH)", 256, 256, 10, false, false));

    private static final int[] THREADS = {1, 2};
    private static final double BATCH_SECONDS = 0.1;
    /** A batch during which other processes used more CPU than this (1/100 s ticks) is redone. */
    private static final long CONTENDED_TICKS = 2;
    private static final int MAX_RETRIES = 20;

    private GemmBenchMain() {}

    public static void main(String[] args) {
        int passes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String filter = args.length > 1 ? args[1] : "";
        List<Shape> shapes = new ArrayList<>();
        for (Shape s : SHAPES) {
            if (s.name().contains(filter)) {
                shapes.add(s);
            }
        }
        System.out.println("java " + System.getProperty("java.version") + ", passes " + passes);
        Operands[] operands = shapes.stream().map(Operands::new).toArray(Operands[]::new);
        for (int threads : THREADS) {
            Parallel.setThreads(threads);
            for (Operands o : operands) {
                o.timeBatch(0.4); // warm-up at full size
            }
        }
        double[][][] gflops = new double[shapes.size()][THREADS.length][passes];
        CpuContention contention = new CpuContention();
        int redone = 0, contendedKept = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (int s = 0; s < shapes.size(); s++) {
                for (int t = 0; t < THREADS.length; t++) {
                    Parallel.setThreads(THREADS[t]);
                    for (int attempt = 0; ; attempt++) {
                        contention.start();
                        gflops[s][t][pass] = operands[s].timeBatch(BATCH_SECONDS);
                        if (contention.otherTicks() <= CONTENDED_TICKS) {
                            break;
                        }
                        if (attempt == MAX_RETRIES) {
                            contendedKept++;
                            break;
                        }
                        redone++;
                    }
                }
            }
        }
        System.out.println("batches redone for contention: " + redone + ", contended batches kept: " + contendedKept);
        System.out.printf("%-26s %8s %22s %22s %7s%n", "shape", "us@1t", "GFLOP/s 1 thread", "GFLOP/s 2 threads",
                "2t/1t");
        for (int s = 0; s < shapes.size(); s++) {
            double one = median(gflops[s][0]), two = median(gflops[s][1]);
            System.out.printf("%-26s %8.1f %8.1f (%5.1f-%5.1f) %8.1f (%5.1f-%5.1f) %7.2f%n", shapes.get(s).name(),
                    shapes.get(s).flops() / one / 1e3, one, min(gflops[s][0]), max(gflops[s][0]),
                    two, min(gflops[s][1]), max(gflops[s][1]), two / one);
        }
    }

    /** Operands of one shape, allocated once. */
    private static final class Operands {
        final Shape s;
        final float[] a, b, c;

        Operands(Shape s) {
            this.s = s;
            SplittableRandom random = new SplittableRandom(42);
            a = randomArray(random, s.m() * s.k());
            b = randomArray(random, s.k() * s.n());
            c = new float[s.m() * s.n()];
        }

        /** Runs calls for about {@code seconds}; returns GFLOP/s. */
        double timeBatch(double seconds) {
            int lda = s.transA() ? s.m() : s.k(), ldb = s.transB() ? s.k() : s.n();
            long start = System.nanoTime(), deadline = start + (long) (seconds * 1e9);
            long calls = 0, now;
            do {
                VectorGemm.sgemm(s.transA(), s.transB(), s.m(), s.n(), s.k(), a, 0, lda, b, 0, ldb, 0f, c, 0, s.n());
                calls++;
                now = System.nanoTime();
            } while (now < deadline);
            return s.flops() * calls / (now - start);
        }
    }

    private static float[] randomArray(SplittableRandom random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
        return x;
    }

    private static double median(double[] x) {
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int h = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[h] : (sorted[h - 1] + sorted[h]) / 2;
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }
}
