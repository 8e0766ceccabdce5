package org.jgrad.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jgrad.tensor.kernel.NaiveGemm;
import org.jgrad.tensor.kernel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** VectorGemm against NaiveGemm on odd, degenerate and block-edge shapes, at 1 and 2 threads. */
class VectorGemmTest {
    private final int originalThreads = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(originalThreads);
    }

    static Stream<GemmCase> tinyShapes() {
        List<GemmCase> cases = new ArrayList<>();
        for (int m = 1; m <= 4; m++) {
            for (int n = 1; n <= 4; n++) {
                for (int k = 1; k <= 4; k++) {
                    addAllFlags(cases, m, n, k);
                }
            }
        }
        return cases.stream();
    }

    static Stream<GemmCase> oddShapes() {
        int[][] shapes = {
            {1, 1, 1}, {1, 300, 17}, {300, 1, 17}, {1, 1, 500}, {7, 13, 5},
            {0, 5, 3}, {5, 0, 3}, {5, 3, 0}, {0, 0, 0},
            {5, 5, 5}, {6, 6, 6}, {7, 7, 7}, {8, 16, 1}, {9, 17, 2}, {31, 31, 31}, {32, 32, 32}, {33, 33, 33},
            {95, 97, 33}, {97, 95, 129}, {129, 33, 257}, {16, 10, 256}, {256, 10, 256}, {10, 256, 64}, {40, 3, 300}, {7, 8, 64}, {1, 2, 33},
            {64, 48, 300}, {257, 130, 70}, {300, 517, 259},
            // Large enough for two threads: split by columns, by rows, and with several k-blocks
            // (double cuts k above 384, float above 2048).
            {10, 300, 256}, {64, 128, 100}, {300, 40, 64}, {40, 70, 800}, {33, 65, 1000}, {17, 40, 2100},
        };
        List<GemmCase> cases = new ArrayList<>();
        for (int[] s : shapes) {
            addAllFlags(cases, s[0], s[1], s[2]);
        }
        return cases.stream();
    }

    private static void addAllFlags(List<GemmCase> cases, int m, int n, int k) {
        for (int flags = 0; flags < 8; flags++) {
            cases.add(new GemmCase(m, n, k, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0 ? 1 : 0));
        }
    }

    @ParameterizedTest
    @MethodSource({"tinyShapes", "oddShapes"})
    void sgemmMatchesNaiveAtOneAndTwoThreads(GemmCase g) {
        float[] expected = naiveFloat(g);
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            float[] first = vectorFloat(g);
            assertClose(g, first, expected, 1e-5);
            assertThat(vectorFloat(g)).as("repeat at %d threads", threads).isEqualTo(first);
        }
    }

    /**
     * sgemmRelu applies relu to each finished part of C inside the product; the result must be
     * sgemm's followed by a relu over C's block, bit for bit, with C's padding untouched.
     */
    @ParameterizedTest
    @MethodSource({"tinyShapes", "oddShapes"})
    void sgemmReluIsSgemmThenReluBitForBit(GemmCase g) {
        float[] expected = vectorFloat(g);
        for (int idx = 0; idx < expected.length; idx++) {
            int rel = idx - GemmCase.C_OFF;
            if (rel >= 0 && rel / g.ldc() < g.m() && rel % g.ldc() < g.n()) {
                expected[idx] = expected[idx] > 0 ? expected[idx] : (expected[idx] <= 0 ? 0f : expected[idx]);
            }
        }
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            float[] c = GemmCase.toFloat(g.c(1));
            VectorGemm.sgemmRelu(g.transA(), g.transB(), g.m(), g.n(), g.k(), GemmCase.toFloat(g.a(1)), GemmCase.A_OFF,
                    g.lda(), GemmCase.toFloat(g.b(1)), GemmCase.B_OFF, g.ldb(), (float) g.beta(), c, GemmCase.C_OFF,
                    g.ldc());
            assertThat(c).as("%s at %d threads", g, threads).isEqualTo(expected);
        }
    }

    /** ShortWide computes Cᵀ instead of C; every element must come out as the direct product's, bit for bit. */
    @Test
    void shortWideProductsAreBitForBitTheDirectOnes() {
        for (int m : new int[] {9, 10, 15}) {
            for (int n : new int[] {64, 100, 256}) {
                for (int flags = 0; flags < 8; flags++) {
                    GemmCase g = new GemmCase(m, n, 130, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0 ? 1 : 0);
                    assertThat(ShortWide.suits(g.m(), g.n())).isTrue();
                    float[] direct = GemmCase.toFloat(g.c(1));
                    SgemmDriver.forThisThread().multiply(g.transA(), g.transB(), g.m(), g.n(), g.k(),
                            GemmCase.toFloat(g.a(1)), GemmCase.A_OFF, g.lda(), GemmCase.toFloat(g.b(1)), GemmCase.B_OFF,
                            g.ldb(), g.beta() == 0, false, direct, GemmCase.C_OFF, g.ldc(), 1);
                    assertThat(vectorFloat(g)).as("%s", g).isEqualTo(direct);
                }
            }
        }
    }

    /**
     * A C no wider than one vector and stored without gaps (ldc = n) gets its narrow tiles' rows
     * stored as whole vectors where the JDK does not use masked edges (SgemmDriver.spillRows): it
     * must hold the same bits as the same product into a padded C, and leave everything past its
     * block alone, at one and two threads, with and without the fused relu.
     */
    @Test
    void aContiguousNarrowCGetsTheSameBitsAsAPaddedOne() {
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            for (int m : new int[] {1, 2, 7, 8, 9, 17, 64, 300}) {
                for (int n = 1; n <= 16; n++) {
                    for (int flags = 0; flags < 16; flags++) {
                        GemmCase g = new GemmCase(m, n, 40, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0 ? 1 : 0);
                        boolean relu = (flags & 8) != 0;
                        float[] padded = GemmCase.toFloat(g.c(1));
                        float[] a = GemmCase.toFloat(g.a(1));
                        float[] b = GemmCase.toFloat(g.b(1));
                        float[] tight = new float[GemmCase.C_OFF + m * n + 5];
                        Arrays.fill(tight, Float.NaN);
                        for (int i = 0; i < m; i++) {
                            System.arraycopy(padded, GemmCase.C_OFF + i * g.ldc(), tight, GemmCase.C_OFF + i * n, n);
                        }
                        if (relu) {
                            VectorGemm.sgemmRelu(g.transA(), g.transB(), m, n, g.k(), a, GemmCase.A_OFF, g.lda(), b,
                                    GemmCase.B_OFF, g.ldb(), (float) g.beta(), padded, GemmCase.C_OFF, g.ldc());
                            VectorGemm.sgemmRelu(g.transA(), g.transB(), m, n, g.k(), a, GemmCase.A_OFF, g.lda(), b,
                                    GemmCase.B_OFF, g.ldb(), (float) g.beta(), tight, GemmCase.C_OFF, n);
                        } else {
                            VectorGemm.sgemm(g.transA(), g.transB(), m, n, g.k(), a, GemmCase.A_OFF, g.lda(), b,
                                    GemmCase.B_OFF, g.ldb(), (float) g.beta(), padded, GemmCase.C_OFF, g.ldc());
                            VectorGemm.sgemm(g.transA(), g.transB(), m, n, g.k(), a, GemmCase.A_OFF, g.lda(), b,
                                    GemmCase.B_OFF, g.ldb(), (float) g.beta(), tight, GemmCase.C_OFF, n);
                        }
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                float want = padded[GemmCase.C_OFF + i * g.ldc() + j];
                                float got = tight[GemmCase.C_OFF + i * n + j];
                                if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(got)) {
                                    fail("%s relu=%s at %d threads: C[%d][%d] = %s, padded C has %s", g, relu, threads, i, j, got, want);
                                }
                            }
                        }
                        for (int x = 0; x < GemmCase.C_OFF; x++) {
                            assertThat(tight[x]).as("%s: before C", g).isNaN();
                        }
                        for (int x = GemmCase.C_OFF + m * n; x < tight.length; x++) {
                            assertThat(tight[x]).as("%s: after C", g).isNaN();
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource({"tinyShapes", "oddShapes"})
    void dgemmMatchesNaiveAtOneAndTwoThreads(GemmCase g) {
        double[] expected = g.c(1);
        NaiveGemm.dgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), g.a(1), GemmCase.A_OFF, g.lda(),
                g.b(1), GemmCase.B_OFF, g.ldb(), g.beta(), expected, GemmCase.C_OFF, g.ldc());
        for (int threads = 1; threads <= 2; threads++) {
            Parallel.setThreads(threads);
            double[] first = vectorDouble(g);
            assertClose(g, first, expected, 1e-12);
            assertThat(vectorDouble(g)).as("repeat at %d threads", threads).isEqualTo(first);
        }
    }

    /**
     * Threads take chunks of C in turn, so which thread computes what varies from call to call;
     * the sums must not. Cut by column panels, by row panels, and with k in several blocks.
     */
    @ParameterizedTest
    @MethodSource("chunkedShapes")
    void resultsDoNotDependOnTheThreadCount(GemmCase g) {
        Parallel.setThreads(1);
        float[] one = vectorFloat(g);
        double[] oneDouble = vectorDouble(g);
        for (int threads = 2; threads <= 4; threads++) {
            Parallel.setThreads(threads);
            for (int repeat = 0; repeat < 3; repeat++) {
                assertThat(vectorFloat(g)).as("float at %d threads", threads).isEqualTo(one);
                assertThat(vectorDouble(g)).as("double at %d threads", threads).isEqualTo(oneDouble);
            }
        }
    }

    /**
     * A narrow C's B panel is packed a whole vector per row, so the lanes past n hold whatever
     * follows in B's array (here NaN; see Note [Lanes past n] in SgemmPacking). The result must not
     * depend on it: B stored with gaps of NaN, without gaps, and with or without spare elements
     * after its last row must all give the same C, bit for bit, and match the naive kernel.
     */
    @ParameterizedTest
    @MethodSource("narrowShapes")
    void valuesPastNInBsArrayDoNotReachC(int m, int n, int k, boolean transA) {
        SplittableRandom random = new SplittableRandom(m * 31L + n * 7L + k);
        float[] a = new float[m * k];
        float[] values = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        int lda = transA ? m : k;
        float[] expected = new float[m * n];
        NaiveGemm.sgemm(transA, false, m, n, k, a, 0, lda, values, 0, n, 0f, expected, 0, n);
        float[] first = null;
        for (int ld : new int[] {n, n + 3, SgemmMicroKernel.NR + 1}) {
            for (int tail : new int[] {0, SgemmMicroKernel.LANES}) {
                float[] b = strided(values, k, n, ld, tail);
                float[] c = new float[m * n];
                VectorGemm.sgemm(transA, false, m, n, k, a, 0, lda, b, 0, ld, 0f, c, 0, n);
                for (int i = 0; i < c.length; i++) {
                    assertThat((double) c[i]).as("C[%d] with ldb %d, %d spare elements", i, ld, tail)
                            .isCloseTo(expected[i], within(1e-4));
                }
                if (first == null) {
                    first = c;
                }
                assertThat(c).as("ldb %d, %d spare elements after B", ld, tail).isEqualTo(first);
            }
        }
    }

    static Stream<Arguments> narrowShapes() {
        return Stream.of(Arguments.of(256, 10, 256, false), Arguments.of(37, 16, 300, false),
                Arguments.of(40, 5, 70, true), Arguments.of(9, 1, 2100, true), Arguments.of(300, 12, 64, false));
    }

    /** values (rows×cols) stored with row stride ld, NaN in the gaps and in {@code tail} spare elements after. */
    private static float[] strided(float[] values, int rows, int cols, int ld, int tail) {
        float[] x = new float[(rows - 1) * ld + cols + tail];
        Arrays.fill(x, Float.NaN);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * cols, x, r * ld, cols);
        }
        return x;
    }

    static List<GemmCase> chunkedShapes() {
        return List.of(new GemmCase(300, 517, 259, false, true, 1), new GemmCase(1000, 20, 70, true, false, 0),
                new GemmCase(120, 300, 2100, false, false, 1));
    }

    @Test
    void concurrentCallersEachGetTheirOwnResult() throws InterruptedException {
        Parallel.setThreads(2);
        GemmCase[] cases = {new GemmCase(100, 130, 70, false, false, 0), new GemmCase(90, 140, 80, true, true, 1)};
        float[][] expected = {vectorFloat(cases[0]), vectorFloat(cases[1])};
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] callers = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int which = t;
            callers[t] = new Thread(() -> {
                try {
                    for (int r = 0; r < 200; r++) {
                        assertThat(vectorFloat(cases[which])).isEqualTo(expected[which]);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            callers[t].start();
        }
        for (Thread caller : callers) {
            caller.join();
        }
        assertThat(failure.get()).isNull();
    }

    @Test
    void anyBetaScalesC() {
        GemmCase g = new GemmCase(37, 41, 19, false, false, 1);
        float[] expected = GemmCase.toFloat(g.c(1));
        float[] actual = expected.clone();
        NaiveGemm.sgemm(false, false, g.m(), g.n(), g.k(), GemmCase.toFloat(g.a(1)), GemmCase.A_OFF, g.lda(),
                GemmCase.toFloat(g.b(1)), GemmCase.B_OFF, g.ldb(), 0.5f, expected, GemmCase.C_OFF, g.ldc());
        VectorGemm.sgemm(false, false, g.m(), g.n(), g.k(), GemmCase.toFloat(g.a(1)), GemmCase.A_OFF, g.lda(),
                GemmCase.toFloat(g.b(1)), GemmCase.B_OFF, g.ldb(), 0.5f, actual, GemmCase.C_OFF, g.ldc());
        assertClose(g, toDouble(actual), toDouble(expected), 1e-5);
    }

    private static float[] naiveFloat(GemmCase g) {
        float[] c = GemmCase.toFloat(g.c(1));
        NaiveGemm.sgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), GemmCase.toFloat(g.a(1)), GemmCase.A_OFF,
                g.lda(), GemmCase.toFloat(g.b(1)), GemmCase.B_OFF, g.ldb(), (float) g.beta(), c, GemmCase.C_OFF,
                g.ldc());
        return c;
    }

    private static float[] vectorFloat(GemmCase g) {
        float[] c = GemmCase.toFloat(g.c(1));
        VectorGemm.sgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), GemmCase.toFloat(g.a(1)), GemmCase.A_OFF,
                g.lda(), GemmCase.toFloat(g.b(1)), GemmCase.B_OFF, g.ldb(), (float) g.beta(), c, GemmCase.C_OFF,
                g.ldc());
        return c;
    }

    private static double[] vectorDouble(GemmCase g) {
        double[] c = g.c(1);
        VectorGemm.dgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), g.a(1), GemmCase.A_OFF, g.lda(),
                g.b(1), GemmCase.B_OFF, g.ldb(), g.beta(), c, GemmCase.C_OFF, g.ldc());
        return c;
    }

    private static void assertClose(GemmCase g, float[] actual, float[] expected, double eps) {
        assertClose(g, toDouble(actual), toDouble(expected), eps);
    }

    /** Inside C: relative error ≤ eps·sqrt(k); outside C (padding, offsets): untouched, bit for bit. */
    private static void assertClose(GemmCase g, double[] actual, double[] expected, double eps) {
        double tolerance = eps * Math.sqrt(Math.max(1, g.k()));
        for (int idx = 0; idx < actual.length; idx++) {
            int rel = idx - GemmCase.C_OFF;
            boolean inside = rel >= 0 && rel / g.ldc() < g.m() && rel % g.ldc() < g.n();
            double x = actual[idx], r = expected[idx];
            if (!inside) {
                if (Double.doubleToRawLongBits(x) != Double.doubleToRawLongBits(r)
                        && !(Double.isNaN(x) && Double.isNaN(r))) {
                    fail("%s: wrote outside C at index %d", g, idx);
                }
            } else if (!(Math.abs(x - r) <= tolerance * Math.max(1, Math.abs(r)))) {
                fail("%s: C[%d][%d] = %s, expected %s", g, rel / g.ldc(), rel % g.ldc(), x, r);
            }
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

}
