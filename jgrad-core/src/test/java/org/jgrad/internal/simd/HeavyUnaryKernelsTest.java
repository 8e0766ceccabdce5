package org.jgrad.internal.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.jgrad.tensor.kernel.Parallel;
import org.jgrad.tensor.kernel.Storage;
import org.jgrad.tensor.kernel.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The unary kernel's exp, log, sigmoid and tanh give, element by element, the bits of VectorMath's
 * function, wherever an element sits: inside a vector, in a tail, across the blocks that tanh and
 * log run in two loops over, at a two-thread split that is not a multiple of a vector, in place,
 * and on the special values and subnormals mixed into ordinary ones (each vector of log's input
 * then takes its special-value path).
 */
class HeavyUnaryKernelsTest {
    private static final VectorKernels K = new VectorKernels();

    private static final float[] SPECIALS = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
        Float.MIN_VALUE, Float.MIN_NORMAL, 1e-40f, -1e-40f, 88.73f, -87.5f, -104f, 1e30f, -1e30f, 0.625f, -3f,
        Float.MAX_VALUE};

    private static UnaryOperator<FloatVector> function(UnaryOp op) {
        switch (op) {
            case EXP: return VectorMath::exp;
            case LOG: return VectorMath::log;
            case SIGMOID: return VectorMath::sigmoid;
            case TANH: return VectorMath::tanh;
            default: throw new AssertionError(op);
        }
    }

    /** n values: mostly ordinary ones in (−4, 4) (positive for log), with special values now and then. */
    private static float[] input(UnaryOp op, int n, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            float v = rng.nextFloat() * 8 - 4;
            x[i] = op == UnaryOp.LOG ? Math.abs(v) + 1e-3f : v;
            if (rng.nextInt(97) == 0) {
                x[i] = SPECIALS[rng.nextInt(SPECIALS.length)];
            }
        }
        return x;
    }

    private static void assertSameBitsAsTheFunction(UnaryOp op, float[] x, float[] got) {
        UnaryOperator<FloatVector> f = function(op);
        for (int i = 0; i < x.length; i++) {
            float want = f.apply(FloatVector.broadcast(VectorMath.F, x[i])).lane(0);
            assertThat(Float.floatToRawIntBits(got[i])).as("%s(%s) at %d: got %s, want %s", op, x[i], i, got[i], want)
                    .isEqualTo(Float.floatToRawIntBits(want));
        }
    }

    @ParameterizedTest
    @EnumSource(value = UnaryOp.class, names = {"EXP", "LOG", "SIGMOID", "TANH"})
    void eachElementGetsTheFunctionsBitsWhereverItSits(UnaryOp op) {
        int threadsBefore = Parallel.threads();
        try {
            // 2,048-element blocks: two whole, a part and a tail; then a two-thread split at an odd index
            for (int n : new int[] {1, 15, 17, 2 * 2048 + 1000 + 7, 2 * Parallel.ELEMENT_GRAIN + 2 * 2048 + 19}) {
                for (int threads : new int[] {1, 2}) {
                    Parallel.setThreads(threads);
                    float[] x = input(op, n, 31L * n + op.ordinal());
                    float[] out = new float[n];
                    K.unary(op, Storage.wrap(x), Storage.wrap(out));
                    assertSameBitsAsTheFunction(op, x, out);
                    float[] inPlace = x.clone();
                    K.unary(op, Storage.wrap(inPlace), Storage.wrap(inPlace));
                    assertThat(inPlace).as("%s in place, n = %d", op, n).isEqualTo(out);
                }
            }
        } finally {
            Parallel.setThreads(threadsBefore);
        }
    }
}
