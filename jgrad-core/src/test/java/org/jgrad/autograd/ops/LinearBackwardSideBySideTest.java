package org.jgrad.autograd.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jgrad.autograd.Autograd;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Note [Products side by side] in LinalgOps: on two or more threads a small layer's dx and dW are
 * computed at once, one per thread. The gradients must be those of the formula, and bit for bit the
 * ones that one thread computes in turn.
 */
class LinearBackwardSideBySideTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** Gradients of sum(linear(x, w, b) ⊙ r) for x (37, 53), w (11, 53): dx, dW, db in that order. */
    private static float[][] gradients(int threads) {
        Parallel.setThreads(threads);
        Rng rng = new Rng(17);
        Tensor x = Tensor.randomUniform(rng, -1, 1, 37, 53).attachGrad();
        Tensor w = Tensor.randomUniform(rng, -1, 1, 11, 53).attachGrad();
        Tensor b = Tensor.randomUniform(rng, -1, 1, 11).attachGrad();
        Tensor r = Tensor.randomUniform(rng, -1, 1, 37, 11);
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = LinalgOps.linear(x, w, b).mul(r).sum();
        }
        loss.backward();
        return new float[][] {x.grad().toFloatArray(), w.grad().toFloatArray(), b.grad().toFloatArray(),
                x.toFloatArray(), w.toFloatArray(), r.toFloatArray()};
    }

    @Test
    void twoThreadsGiveTheFormulasGradientsBitForBitAsOneThreadDoes() {
        float[][] two = gradients(2);
        float[][] one = gradients(1);
        for (int i = 0; i < 3; i++) {
            assertThat(two[i]).as("gradient %d", i).containsExactly(one[i]);
        }
        float[] x = two[3];
        float[] w = two[4];
        float[] r = two[5];
        for (int i = 0; i < 37; i++) { // dx = r·W
            for (int c = 0; c < 53; c++) {
                double s = 0;
                for (int o = 0; o < 11; o++) {
                    s += (double) r[i * 11 + o] * w[o * 53 + c];
                }
                assertThat((double) two[0][i * 53 + c]).isCloseTo(s, within(1e-4));
            }
        }
        for (int o = 0; o < 11; o++) { // dW = rᵀ·x and db = Σ_rows r
            double sb = 0;
            for (int i = 0; i < 37; i++) {
                sb += r[i * 11 + o];
            }
            assertThat((double) two[2][o]).isCloseTo(sb, within(1e-4));
            for (int c = 0; c < 53; c++) {
                double s = 0;
                for (int i = 0; i < 37; i++) {
                    s += (double) r[i * 11 + o] * x[i * 53 + c];
                }
                assertThat((double) two[1][o * 53 + c]).isCloseTo(s, within(1e-4));
            }
        }
    }
}
