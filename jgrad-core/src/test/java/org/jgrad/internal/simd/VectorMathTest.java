package org.jgrad.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * VectorMath's functions against {@code Math} (computed in double, then rounded to float), on a
 * dense sweep of each function's range and on the special values; and Note [Same bits, cold or
 * warm]: a JVM that only interprets computes the same bits as one whose JIT compiled the loops.
 */
class VectorMathTest {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
        float[] out = new float[x.length];
        int i = 0;
        for (; i + L <= x.length; i += L) {
            f.apply(FloatVector.fromArray(F, x, i)).intoArray(out, i);
        }
        if (i < x.length) {
            VectorMath.storeTail(f.apply(VectorMath.tail(x, i, x.length - i, 0f)), out, i, x.length - i);
        }
        return out;
    }

    /** Distance in units in the last place; equal values (NaNs included, but −0 ≠ +0) are 0 apart. */
    private static long ulps(float a, float b) {
        if (Float.floatToIntBits(a) == Float.floatToIntBits(b)) {
            return 0;
        }
        if (Float.isNaN(a) || Float.isNaN(b) || Float.isInfinite(a) || Float.isInfinite(b) || a == b) {
            return Long.MAX_VALUE; // also catches −0 against +0
        }
        return Math.abs((long) Float.floatToIntBits(a) - Float.floatToIntBits(b));
    }

    private static float[] sweep(double lo, double hi, boolean geometric, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double t = (i + 0.5) / n;
            x[i] = (float) (geometric ? Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo))) : lo + t * (hi - lo));
        }
        return x;
    }

    private static void assertWithinUlps(String name, UnaryOperator<FloatVector> f, DoubleUnaryOperator exact, float[] x,
                                         long maxUlps) {
        float[] got = apply(f, x);
        for (int i = 0; i < x.length; i++) {
            float want = (float) exact.applyAsDouble(x[i]);
            assertThat(ulps(got[i], want)).as("%s(%s) = %s, want %s", name, x[i], got[i], want).isLessThanOrEqualTo(maxUlps);
        }
    }

    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, Float.MIN_NORMAL, 1e-40f, -1e-40f, 88.72f, 88.73f, 89f, 100f, -87.3f, -103.9f, -104f, -200f,
        1f, -1f, 1e30f, -1e30f, 0.625f, -0.625f, 9f, 20f, -20f, Float.MAX_VALUE};

    @Test
    void expIsWithinOneUlpFromUnderflowToOverflowAndAtTheSpecialValues() {
        assertWithinUlps("exp", VectorMath::exp, Math::exp, sweep(-110, 90, false, 1 << 20), 1);
        assertWithinUlps("exp", VectorMath::exp, Math::exp, sweep(-1, 1, false, 1 << 18), 1);
        assertWithinUlps("exp", VectorMath::exp, Math::exp, SPECIALS, 1);
    }

    @Test
    void logIsWithinOneUlpOverEveryPositiveMagnitudeAndAtTheSpecialValues() {
        assertWithinUlps("log", VectorMath::log, Math::log, sweep(1e-44, 3e38, true, 1 << 20), 1);
        assertWithinUlps("log", VectorMath::log, Math::log, sweep(0.5, 2, false, 1 << 18), 1);
        assertWithinUlps("log", VectorMath::log, Math::log, SPECIALS, 1);
    }

    @Test
    void tanhIsWithinOneUlpOnBothBranchesAndAtTheSpecialValues() {
        assertWithinUlps("tanh", VectorMath::tanh, Math::tanh, sweep(-12, 12, false, 1 << 20), 1);
        assertWithinUlps("tanh", VectorMath::tanh, Math::tanh, sweep(1e-30, 1, true, 1 << 18), 1);
        assertWithinUlps("tanh", VectorMath::tanh, Math::tanh, SPECIALS, 1);
    }

    @Test
    void sigmoidIsWithinTwoUlpsWhereItIsNotSubnormal() {
        assertWithinUlps("sigmoid", VectorMath::sigmoid, v -> 1 / (1 + Math.exp(-v)), sweep(-87, 30, false, 1 << 20), 2);
    }

    @Test
    void sigmoidIsExactlyOneWhereOnePlusItsExpRoundsToOne() {
        // e^−x is taken at −87 above x = 87 (see VectorMath.sigmoid); from x ≈ 16.7 on, 1 + e^−x is 1
        float[] x = sweep(17, 3e38, true, 1 << 16);
        float[] got = apply(VectorMath::sigmoid, x);
        for (int i = 0; i < x.length; i++) {
            assertThat(got[i]).as("sigmoid(%s)", x[i]).isEqualTo(1f);
        }
        assertThat(apply(VectorMath::sigmoid, new float[] {Float.POSITIVE_INFINITY, 86.9f, 87f, 87.1f, 88f, 104f}))
                .containsOnly(1f);
    }

    @Test
    void theLaneSumAddsInAFixedTree() {
        float[] x = new float[L];
        for (int i = 0; i < L; i++) {
            x[i] = (float) Math.scalb(1.0 + i / 7.0, (i * 5) % 23 - 11);
        }
        float[] level = x.clone(); // the tree by hand: lanes 1, 2, 4, … apart
        for (int step = 1; step < L; step *= 2) {
            float[] next = new float[L];
            for (int i = 0; i < L; i++) {
                next[i] = level[i] + level[i ^ step];
            }
            level = next;
        }
        assertThat(VectorMath.sum(FloatVector.fromArray(F, x, 0))).isEqualTo(level[0]);
    }

    @Test
    void anInterpretedJvmComputesTheSameBitsAsThisWarmOne() throws Exception {
        float[][] warm = null;
        for (int round = 0; round < 3000; round++) { // enough calls for C2 to compile the loops here
            warm = results();
        }
        // the same computation in a JVM that never compiles anything (-Xint)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xint", "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), Interpreted.class.getName())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).isZero();
        String[] lines = out.strip().split("\n");
        assertThat(lines).hasSize(warm.length);
        for (int f = 0; f < warm.length; f++) {
            assertThat(lines[f]).as("function %d", f).isEqualTo(bits(warm[f]));
        }
    }

    /** exp, tanh, sigmoid and log of fixed inputs, and lane sums: what both JVMs compute. */
    static float[][] results() {
        float[] x = sweep(-20, 20, false, 4096 + 5);
        float[] y = sweep(1e-3, 1e3, true, 4096 + 5);
        return new float[][] {apply(VectorMath::exp, x), apply(VectorMath::tanh, x), apply(VectorMath::sigmoid, x),
            apply(VectorMath::log, y), sums(x)};
    }

    static String bits(float[] v) {
        StringBuilder b = new StringBuilder();
        for (float f : v) {
            b.append(Integer.toHexString(Float.floatToRawIntBits(f))).append(' ');
        }
        return b.toString().strip();
    }

    private static float[] sums(float[] x) {
        float[] out = new float[x.length / L];
        for (int i = 0; i < out.length; i++) {
            out[i] = VectorMath.sum(FloatVector.fromArray(F, x, i * L).mul(FloatVector.fromArray(F, x, (out.length - 1 - i) * L)));
        }
        return out;
    }

    /** Run in the -Xint child: prints each result's bits on a line. */
    static final class Interpreted {
        public static void main(String[] args) {
            for (float[] r : results()) {
                System.out.println(bits(r));
            }
        }
    }
}
