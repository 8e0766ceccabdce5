package org.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import org.jgrad.autograd.ops.LinalgOps;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Note [Lent buffers] in Engine: linear's backward writes a weight's gradient straight into the
 * weight's buffer when nothing could observe or combine it on the way. These tests pin down that
 * it happens, and that every case where it must not happen still gets the right gradient.
 */
class LentGradBufferTest {
    private static final Rng RNG = new Rng(11);

    private static Tensor random(int... shape) {
        return Tensor.randomUniform(RNG, -1, 1, DType.FLOAT64, shape);
    }

    /** gᵀ·x for a loss that is the sum of linear(x, w): g is all ones. */
    private static double[] expectedWeightGrad(Tensor x, int out) {
        double[] xs = x.toDoubleArray();
        int n = x.shape()[0];
        int in = x.shape()[1];
        double[] grad = new double[out * in];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                double s = 0;
                for (int r = 0; r < n; r++) {
                    s += xs[r * in + i];
                }
                grad[o * in + i] = s;
            }
        }
        return grad;
    }

    /** Records sum(linear(x, w)) and runs backward on it. */
    private static void backwardOfLinearSum(Tensor x, Tensor w) {
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = LinalgOps.linear(x, w, null).sum();
        }
        loss.backward();
    }

    private static double[] times(double factor, double[] values) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= factor;
        }
        return out;
    }

    private static void assertClose(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(1e-9));
        }
    }

    @Test
    void theWeightGradientIsWrittenIntoItsBufferWithoutAWeightSizedArray() {
        Tensor x = random(4, 1000);
        Tensor w = random(1000, 1000).attachGrad(); // 8 MB of gradient
        Tensor buffer = w.grad();
        for (int i = 0; i < 3; i++) { // warm up, so class loading does not count
            backwardOfLinearSum(x, w);
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = LinalgOps.linear(x, w, null).sum();
        }
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        loss.backward();
        long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated by backward (the gradient is 8 MB)").isLessThan(1 << 20);
        assertThat(w.grad()).isSameAs(buffer);
        assertClose(w.grad().toDoubleArray(), expectedWeightGrad(x, 1000));
    }

    @Test
    void aShortWideWeightGradientNeedsNoTransposedCopyPerStep() {
        // 10 outputs, as the chapter's output layer: the float kernel computes dW = gᵀ·x as its
        // transpose (ShortWide), which once took a dW-sized array per call for it
        Tensor x = Tensor.randomUniform(RNG, -1, 1, 64, 4000);
        Tensor w = Tensor.randomUniform(RNG, -1, 1, 10, 4000).attachGrad(); // 160 KB of gradient
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocated;
        long giveUp = System.nanoTime() + 60_000_000_000L;
        do { // until the kernels are compiled: before that, each vector is an object
            Tensor loss;
            try (var scope = Autograd.record()) {
                loss = LinalgOps.linear(x, w, null).sum();
            }
            long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
            loss.backward();
            allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        } while (allocated >= 40_000 && System.nanoTime() < giveUp);
        assertThat(allocated).as("bytes allocated by backward (the gradient is 160 KB)").isLessThan(40_000);
        float[] sums = new float[4000];
        float[] xs = x.toFloatArray();
        for (int r = 0; r < 64; r++) {
            for (int i = 0; i < 4000; i++) {
                sums[i] += xs[r * 4000 + i];
            }
        }
        float[] grad = w.grad().toFloatArray();
        for (int o = 0; o < 10; o++) {
            for (int i = 0; i < 4000; i++) {
                assertThat(grad[o * 4000 + i]).as("dW[%d, %d]", o, i).isCloseTo(sums[i], within(1e-3f));
            }
        }
    }

    @Test
    void aWeightUsedTwiceGetsTheSumOfBothGradients() {
        Tensor x1 = random(3, 5);
        Tensor x2 = random(2, 5);
        Tensor w = random(4, 5).attachGrad();
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = LinalgOps.linear(x1, w, null).sum().add(LinalgOps.linear(x2, w, null).sum());
        }
        loss.backward();
        double[] expected = expectedWeightGrad(x1, 4);
        double[] second = expectedWeightGrad(x2, 4);
        for (int i = 0; i < expected.length; i++) {
            expected[i] += second[i];
        }
        assertClose(w.grad().toDoubleArray(), expected);
    }

    @Test
    void gradientsLeavesTheBuffersAlone() {
        Tensor x = random(3, 5);
        Tensor w = random(4, 5).attachGrad();
        double[] before = w.grad().toDoubleArray();
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = LinalgOps.linear(x, w, null).sum();
        }
        Tensor[] g = Autograd.gradients(loss, null, w);
        assertClose(g[0].toDoubleArray(), expectedWeightGrad(x, 4));
        assertThat(w.grad().toDoubleArray()).containsExactly(before);
    }

    @Test
    void anInputThatIsTheWeightsOwnBufferIsReadBeforeItIsOverwritten() {
        Tensor w = random(4, 4).attachGrad();
        backwardOfLinearSum(random(2, 4), w);
        Tensor x = w.grad(); // the buffer itself, used as data
        double[] xValues = x.toDoubleArray();
        backwardOfLinearSum(x, w);
        assertClose(w.grad().toDoubleArray(), expectedWeightGrad(Tensor.of(xValues, 4, 4), 4));
    }

    @Test
    void aHookOnTheWeightStillSeesAndChangesItsGradient() {
        Tensor x = random(3, 5);
        Tensor w = random(4, 5).attachGrad();
        w.registerHook(g -> g.mul(2.0));
        backwardOfLinearSum(x, w);
        assertClose(w.grad().toDoubleArray(), times(2, expectedWeightGrad(x, 4)));
    }

    @Test
    void addRequestAccumulatesAcrossPasses() {
        Tensor x = random(3, 5);
        Tensor w = random(4, 5).attachGrad(GradReq.ADD);
        backwardOfLinearSum(x, w);
        backwardOfLinearSum(x, w);
        assertClose(w.grad().toDoubleArray(), times(2, expectedWeightGrad(x, 4)));
    }
}
