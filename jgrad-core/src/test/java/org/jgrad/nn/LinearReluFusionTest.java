package org.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.ops.LinalgOps;
import org.jgrad.init.Xavier;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Parallel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Note [Linear and ReLU fused] in Sequential: a Linear followed by a ReLU runs as one op whose
 * values and gradients are bit for bit those of the two modules in turn; a hook on either module
 * turns the fusion off, so the hook still sees the pre-activation.
 */
class LinearReluFusionTest {
    private final int threadsBefore = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    /** The output, then every parameter's gradient, of sum(net(x) ⊙ r) for random x (batch, in) and r. */
    private static List<float[]> outputAndGradients(Sequential net, int threads, int batch, int in, int outputs) {
        Parallel.setThreads(threads);
        Rng rng = new Rng(5);
        Tensor x = Tensor.randomUniform(rng, -1, 1, batch, in);
        Tensor r = Tensor.randomUniform(rng, -1, 1, batch, outputs);
        Tensor y;
        Tensor loss;
        try (var scope = Autograd.record()) {
            y = net.forward(x);
            loss = y.mul(r).sum();
        }
        loss.backward();
        List<float[]> out = new ArrayList<>();
        out.add(y.toFloatArray());
        for (Tensor p : net.parameterTensors()) {
            out.add(p.grad().toFloatArray());
        }
        return out;
    }

    /** net, initialized; when hooked, with a no-op forward hook on layer {@code linear}, so its pair runs unfused. */
    private static Sequential prepared(Sequential net, long seed, boolean hooked, int linear) {
        net.initialize(Xavier.uniform(), seed);
        if (hooked) {
            net.get(linear).registerForwardHook((m, in, out) -> { });
        }
        return net;
    }

    /** The chapter's 784-256-10 MLP (Flatten first, so its Linear is layer 1). */
    private static Sequential chapterMlp(boolean hooked) {
        return prepared(Mlp.of(10, Activation::relu, 256), 3, hooked, 1);
    }

    @Test
    void fusedAndUnfusedGiveTheSameOutputAndGradientsBitForBit() {
        for (int threads = 1; threads <= 2; threads++) {
            for (int batch : new int[] {1, 37, 256}) {
                List<float[]> fused = outputAndGradients(chapterMlp(false), threads, batch, 784, 10);
                List<float[]> unfused = outputAndGradients(chapterMlp(true), threads, batch, 784, 10);
                for (int i = 0; i < fused.size(); i++) {
                    assertThat(fused.get(i)).as("tensor %d, batch %d, %d threads", i, batch, threads)
                            .containsExactly(unfused.get(i));
                }
            }
        }
    }

    /** Linear(units)–ReLU–Linear(3). */
    private static Sequential hiddenLayerNet(int units, boolean hooked) {
        return prepared(new Sequential(new Linear(units), Activation.relu(), new Linear(3)), 4, hooked, 0);
    }

    /**
     * One unit (whose bias gradient reduce sums along a single column, in its own order), ten
     * (narrower than a vector), and 2,048 (wide enough that the masked gradient's pass is split
     * across threads by columns).
     */
    @Test
    void narrowAndWideLayersAlsoMatchBitForBit() {
        for (int threads = 1; threads <= 2; threads++) {
            for (int units : new int[] {1, 10, 2048}) {
                List<float[]> fused = outputAndGradients(hiddenLayerNet(units, false), threads, 64, 20, 3);
                List<float[]> unfused = outputAndGradients(hiddenLayerNet(units, true), threads, 64, 20, 3);
                for (int i = 0; i < fused.size(); i++) {
                    assertThat(fused.get(i)).as("tensor %d, %d units, %d threads", i, units, threads)
                            .containsExactly(unfused.get(i));
                }
            }
        }
    }

    @Test
    void underAnomalyDetectionThePairRunsUnfusedSoANegativeInfinityIsCaught() {
        Sequential net = new Sequential(new Linear(1, 1), Activation.relu());
        net.initialize(new org.jgrad.init.Constant(1), 0);
        Tensor x = Tensor.of(new float[] {Float.NEGATIVE_INFINITY}, 1, 1);
        assertThat(net.forward(x).toFloatArray()).containsExactly(0f); // fused: relu(−∞) = 0, quietly
        try (var anomaly = Autograd.detectAnomaly()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> net.forward(x))
                    .isInstanceOf(ArithmeticException.class).hasMessageContaining("'linear' produced -Inf");
        }
    }

    @Test
    void theFusedOpIsReluOfLinearWithNaNKeptAndNegativesZeroed() {
        Tensor x = Tensor.of(new float[] {1, 2, -1, Float.NaN}, 2, 2);
        Tensor w = Tensor.of(new float[] {1, 0, -1, 0, 0.5f, 0.5f}, 3, 2);
        Tensor b = Tensor.of(new float[] {0, 0.5f, -2}, 3);
        Tensor fused = LinalgOps.linearRelu(x, w, b);
        Tensor unfused = LinalgOps.linear(x, w, b).relu();
        assertThat(fused.toFloatArray()).containsExactly(unfused.toFloatArray());
        // row 0: (1, −1+0.5, 1.5−2) → (1, 0, 0); row 1 has a NaN input, so NaN everywhere
        assertThat(fused.toFloatArray()).containsExactly(1f, 0f, 0f, Float.NaN, Float.NaN, Float.NaN);
    }

    @Test
    void anOutputHookOnTheReluSeesTheOutputAndKeepsThePairFused() {
        Sequential net = new Sequential(new Linear(3, 2), Activation.relu());
        net.initialize(Xavier.uniform(), 1);
        List<Tensor> seen = new ArrayList<>();
        net.get(1).registerOutputHook((m, out) -> seen.add(out));
        Tensor x = Tensor.of(new float[] {1, -2, -3, 4}, 2, 2);
        Tensor y;
        try (var scope = Autograd.record()) {
            y = net.forward(x);
        }
        assertThat(seen).containsExactly(y);
        assertThat(y.gradFn().op()).isEqualTo("linear_relu");
        net.get(1).registerForwardHook((m, in, out) -> { });
        try (var scope = Autograd.record()) {
            y = net.forward(x);
        }
        assertThat(y.gradFn().op()).as("a forward hook wants the input: not fused").isEqualTo("relu");
        assertThat(seen).hasSize(2);
    }

    @Test
    void aHookOnTheLinearStillSeesThePreActivation() {
        Sequential net = new Sequential(new Linear(3, 2), Activation.relu());
        net.initialize(Xavier.uniform(), 1);
        List<float[]> seen = new ArrayList<>();
        net.get(0).registerForwardHook((m, in, out) -> seen.add(out.toFloatArray()));
        Tensor x = Tensor.of(new float[] {1, -2, -3, 4}, 2, 2);
        Tensor y = net.forward(x);
        assertThat(seen).hasSize(1);
        float[] pre = seen.get(0);
        boolean anyNegative = false;
        for (int i = 0; i < pre.length; i++) {
            assertThat(y.toFloatArray()[i]).isEqualTo(Math.max(pre[i], 0f));
            anyNegative |= pre[i] < 0;
        }
        assertThat(anyNegative).as("the hook saw values before the relu").isTrue();
    }
}
