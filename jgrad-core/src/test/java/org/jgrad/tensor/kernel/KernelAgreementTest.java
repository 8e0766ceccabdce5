package org.jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Shapes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Vector-API kernels against the scalar reference, on odd sizes (around and between vector
 * widths) and with IEEE special values. Skipped with a message where the Vector API is missing.
 */
class KernelAgreementTest {
    private static final int[] SIZES = {0, 1, 4, 6, 13, 15, 16, 17, 31, 207, 702};
    private static final Kernels REF = new ScalarKernels();
    private static Kernels fast;

    @BeforeAll
    static void loadVectorKernels() {
        fast = KernelProvider.vectorOrNull();
    }

    private static void requireVector() {
        assumeTrue(fast != null, "the Vector API (jdk.incubator.vector) is not available in this JVM; "
                + "run the tests with --add-modules jdk.incubator.vector to check the vector kernels");
    }

    private static Storage random(Rng rng, int n, double scale, boolean specials) {
        Storage s = Storage.allocate(DType.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            s.set(i, scale * rng.nextGaussian());
        }
        if (specials && n > 6) {
            s.set(1, Double.NaN);
            s.set(3, Double.POSITIVE_INFINITY);
            s.set(5, Double.NEGATIVE_INFINITY);
            s.set(6, 0.0);
        }
        return s;
    }

    private static void assertAgree(String what, Storage expected, Storage actual, double rel) {
        assertThat(actual.length()).isEqualTo(expected.length());
        for (int i = 0; i < expected.length(); i++) {
            double e = expected.get(i);
            double a = actual.get(i);
            if (Double.isNaN(e)) {
                assertThat(Double.isNaN(a)).as("%s at %d: NaN expected, got %s", what, i, a).isTrue();
            } else if (Double.isInfinite(e)) {
                assertThat(a).as("%s at %d", what, i).isEqualTo(e);
            } else {
                assertThat(Math.abs(a - e)).as("%s at %d: %s vs %s", what, i, a, e)
                        .isLessThanOrEqualTo(rel * Math.max(1, Math.abs(e)));
            }
        }
    }

    static Stream<Arguments> unaryCases() {
        List<Arguments> out = new ArrayList<>();
        for (UnaryOp op : UnaryOp.values()) {
            for (int n : SIZES) {
                out.add(Arguments.of(op, n));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} n={1}")
    @MethodSource("unaryCases")
    void unaryOpsAgree(UnaryOp op, int n) {
        requireVector();
        Rng rng = new Rng(n * 31L + op.ordinal());
        Storage x = random(rng, n, 3, true);
        if (op == UnaryOp.LOG || op == UnaryOp.SQRT) {
            for (int i = 0; i < n; i++) {
                x.set(i, Math.abs(x.get(i)));
            }
        }
        Storage e = Storage.allocate(DType.FLOAT32, n);
        Storage a = Storage.allocate(DType.FLOAT32, n);
        REF.unary(op, x, e);
        fast.unary(op, x, a);
        assertAgree(op + " n=" + n, e, a, 4e-7);
    }

    static Stream<Arguments> binaryCases() {
        int[][][] shapes = {
            {{13}, {13}}, {{207}, {}}, {{}, {31}}, {{17, 31}, {31}}, {{5, 1}, {1, 702}}, {{3, 4, 17}, {4, 1}},
            {{0, 5}, {5}}, {{256, 10}, {10}}, {{6}, {6}}
        };
        List<Arguments> out = new ArrayList<>();
        for (BinaryOp op : BinaryOp.values()) {
            for (int[][] s : shapes) {
                out.add(Arguments.of(op, s[0], s[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("binaryCases")
    void binaryOpsAgreeUnderBroadcasting(BinaryOp op, int[] as, int[] bs) {
        requireVector();
        Rng rng = new Rng(as.length * 131L + bs.length + op.ordinal());
        Storage a = random(rng, Shapes.size(as), 2, true);
        Storage b = random(rng, Shapes.size(bs), 2, false);
        if (op == BinaryOp.POW) {
            for (int i = 0; i < a.length(); i++) {
                a.set(i, Math.abs(a.get(i)));
            }
        }
        int[] os = Shapes.broadcast("test", as, bs);
        Storage e = Storage.allocate(DType.FLOAT32, Shapes.size(os));
        Storage r = Storage.allocate(DType.FLOAT32, Shapes.size(os));
        REF.binary(op, a, as, b, bs, e, os);
        fast.binary(op, a, as, b, bs, r, os);
        assertAgree(op.toString(), e, r, 1e-6);
    }

    @Test
    void reductionsAgree() {
        requireVector();
        Rng rng = new Rng(5);
        int[][] cases = {{1, 702, 1}, {3, 17, 1}, {1, 256, 10}, {2, 13, 31}, {4, 1, 16}, {1, 0, 3}, {7, 5, 207}};
        for (int[] c : cases) {
            Storage x = random(rng, c[0] * c[1] * c[2], 1, false);
            for (ReduceOp op : ReduceOp.values()) {
                if (c[1] == 0 && op != ReduceOp.SUM) {
                    continue;
                }
                Storage e = Storage.allocate(DType.FLOAT32, c[0] * c[2]);
                Storage a = Storage.allocate(DType.FLOAT32, c[0] * c[2]);
                REF.reduce(op, x, c[0], c[1], c[2], e);
                fast.reduce(op, x, c[0], c[1], c[2], a);
                assertAgree(op + java.util.Arrays.toString(c), e, a, 2e-6 * Math.sqrt(c[1] + 1));
            }
        }
    }

    @Test
    void sumsOfSquaresAgree() {
        requireVector();
        Rng rng = new Rng(11);
        for (int n : SIZES) {
            Storage x = random(rng, n, 2, false);
            Storage y = random(rng, n, 2, false);
            double e = REF.sumOfSquares(x, y);
            assertThat(fast.sumOfSquares(x, y)).isCloseTo(e, org.assertj.core.api.Assertions.within(1e-5 * (1 + e)));
            assertThat(fast.sumOfSquares(x, null)).isCloseTo(REF.sumOfSquares(x, null),
                    org.assertj.core.api.Assertions.within(1e-5 * (1 + e)));
        }
    }

    @Test
    void softmaxKernelsAgree() {
        requireVector();
        Rng rng = new Rng(9);
        for (int cols : new int[] {1, 3, 10, 16, 17, 207}) {
            for (int rows : new int[] {5, 37}) { // 37 rows of 10: whole vectors across rows and a tail
                softmaxAgrees(rng, rows, cols);
            }
        }
    }

    private static void softmaxAgrees(Rng rng, int rows, int cols) {
        String where = " rows=" + rows + " cols=" + cols;
        Storage x = random(rng, rows * cols, 20, false);
        x.set(0, 1e4);
        Storage e = Storage.allocate(DType.FLOAT32, rows * cols);
        Storage a = Storage.allocate(DType.FLOAT32, rows * cols);
        REF.logSoftmax(x, rows, cols, 1, e);
        fast.logSoftmax(x, rows, cols, 1, a);
        // x − logsumexp(x) is rounded in float near |x| ≈ 60 (20σ logits), where an ulp is 3.8e-6
        assertAgree("logSoftmax" + where, e, a, 8e-6);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = rng.nextInt(cols);
        }
        Storage le = Storage.allocate(DType.FLOAT32, rows);
        Storage la = Storage.allocate(DType.FLOAT32, rows);
        Storage pe = Storage.allocate(DType.FLOAT32, rows * cols);
        Storage pa = Storage.allocate(DType.FLOAT32, rows * cols);
        REF.softmaxCrossEntropy(x, rows, cols, labels, le, pe);
        fast.softmaxCrossEntropy(x, rows, cols, labels, la, pa);
        assertAgree("xent loss" + where, le, la, 2e-6);
        assertAgree("xent prob" + where, pe, pa, 2e-6);

        Storage g = random(rng, rows, 1, false);
        Storage de = Storage.allocate(DType.FLOAT32, rows * cols);
        Storage da = Storage.allocate(DType.FLOAT32, rows * cols);
        REF.softmaxCrossEntropyBackward(pe, rows, cols, labels, g, de);
        fast.softmaxCrossEntropyBackward(pe, rows, cols, labels, g, da);
        for (int r = 0; r < rows; r++) { // (p − onehot)·g rounded in float, from both kernels
            for (int c = 0; c < cols; c++) {
                float p = (float) pe.get(r * cols + c);
                float expected = (c == labels[r] ? p - 1f : p) * (float) g.get(r);
                assertThat(de.get(r * cols + c)).as("scalar xent backward (%d, %d)%s", r, c, where).isEqualTo(expected);
                assertThat(da.get(r * cols + c)).as("vector xent backward (%d, %d)%s", r, c, where).isEqualTo(expected);
            }
        }
    }
}
