package org.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The Gluon-shaped autograd contract: record, backward, grad buffers, modes and errors. */
class AutogradTest {

    @Test
    void chapterExampleYEqualsTwoXTransposeX() {
        Tensor x = Tensor.arange(0, 4, 1, DType.FLOAT64).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.dot(x).mul(2);
        }
        y.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 4, 8, 12);
    }

    @Test
    void nonScalarHeadGetsAGradientOfOnesAsInMxnet() {
        Tensor x = Tensor.of(new double[] {-1, 0, 2}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.sigmoid();
        }
        y.backward();
        double[] g = x.grad().toDoubleArray();
        for (int i = 0; i < 3; i++) {
            double s = 1 / (1 + Math.exp(-x.toDoubleArray()[i]));
            assertThat(g[i]).isCloseTo(s * (1 - s), within(1e-15));
        }
    }

    @Test
    void explicitHeadGradientScalesTheResult() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.mul(3);
        }
        y.backward(Tensor.of(new double[] {10, 100}));
        assertThat(x.grad().toDoubleArray()).containsExactly(30, 300);
    }

    @Test
    void opsOutsideRecordBuildNoGraph() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        Tensor y = x.mul(x).sum();
        assertThat(y.gradFn()).isNull();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not computed inside Autograd.record()");
    }

    @Test
    void recordingIsPerThread() throws InterruptedException {
        Tensor x = Tensor.of(new double[] {1}).attachGrad();
        List<Tensor> fromOtherThread = new ArrayList<>();
        try (var scope = Autograd.record()) {
            Thread t = new Thread(() -> fromOtherThread.add(x.mul(2)));
            t.start();
            t.join();
            assertThat(x.mul(2).gradFn()).isNotNull();
        }
        assertThat(fromOtherThread.get(0).gradFn()).isNull();
    }

    @Test
    void pauseStopsRecordingAndScopesRestoreTheOuterMode() {
        Tensor x = Tensor.of(new double[] {1}).attachGrad();
        try (var scope = Autograd.record()) {
            try (var p = Autograd.pause()) {
                assertThat(Autograd.isRecording()).isFalse();
                assertThat(x.mul(2).gradFn()).isNull();
            }
            assertThat(Autograd.isRecording()).isTrue();
        }
        assertThat(Autograd.isRecording()).isFalse();
    }

    @Test
    void writeModeOverwritesAndAddModeAccumulates() {
        Tensor w = Tensor.of(new double[] {1, 2}).attachGrad();
        Tensor a = Tensor.of(new double[] {1, 2}).attachGrad(GradReq.ADD);
        for (int i = 0; i < 2; i++) {
            Tensor y;
            try (var scope = Autograd.record()) {
                y = w.mul(3).sum().add(a.mul(3).sum());
            }
            y.backward();
        }
        assertThat(w.grad().toDoubleArray()).containsExactly(3, 3);
        assertThat(a.grad().toDoubleArray()).containsExactly(6, 6);
        a.zeroGrad();
        assertThat(a.grad().toDoubleArray()).containsExactly(0, 0);
    }

    @Test
    void gradBufferIsUpdatedInPlaceSoReferencesStayValid() {
        Tensor w = Tensor.of(new float[] {1, 2}).attachGrad();
        Tensor buffer = w.grad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = w.square().sum();
        }
        y.backward();
        assertThat(w.grad()).isSameAs(buffer);
        assertThat(buffer.toFloatArray()).containsExactly(2f, 4f);
    }

    @Test
    void gradientsSumOverEveryPathToALeaf() {
        Tensor x = Tensor.of(new double[] {3}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            Tensor a = x.mul(2);
            Tensor b = x.mul(x);
            y = a.add(b).add(a.mul(b)); // 2x + x² + 2x³ → 2 + 2x + 6x²
        }
        y.backward();
        assertThat(x.grad().item()).isCloseTo(2 + 6 + 54, within(1e-12));
    }

    @Test
    void secondBackwardOverAFreedGraphIsAClearError() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.exp().sum();
        }
        y.backward();
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already freed").hasMessageContaining("retainGraph");
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad(GradReq.ADD);
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.mul(x).sum();
        }
        y.backward(true);
        y.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(4, 8);
    }

    @Test
    void savedValuesAreReleasedAfterBackward() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.exp().mul(x).sum();
        }
        Node mul = y.gradFn().inputs().get(0).node();
        assertThat(mul.op()).isEqualTo("mul");
        assertThat(mul.savedBytes()).isEqualTo(32);
        y.backward();
        assertThat(mul.savedBytes()).isZero();
        assertThat(mul.isFreed()).isTrue();
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.of(new double[] {2}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            Tensor u = x.mul(x).detach();
            y = u.mul(x); // d/dx treats u as a constant: u = 4
        }
        y.backward();
        assertThat(x.grad().item()).isEqualTo(4);
    }

    @Test
    void attachGradOnAnIntermediateKeepsItsGradient() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        Tensor h;
        Tensor y;
        try (var scope = Autograd.record()) {
            h = x.mul(3).attachGrad();
            y = h.square().sum();
        }
        y.backward();
        assertThat(h.grad().toDoubleArray()).containsExactly(6, 12);
        assertThat(x.grad().toDoubleArray()).containsExactly(18, 36);
    }

    @Test
    void secondDerivativesMatchClosedForms() {
        double[] xs = {-2.5, -0.3, 0.0, 0.7, 3.1};
        Tensor x = Tensor.of(xs).attachGrad();
        // sigmoid'' = σ(1−σ)(1−2σ); tanh'' = −2 tanh (1 − tanh²); (x³)'' = 6x
        assertSecondDerivative(x, Tensor::sigmoid, v -> {
            double s = 1 / (1 + Math.exp(-v));
            return s * (1 - s) * (1 - 2 * s);
        });
        assertSecondDerivative(x, Tensor::tanh, v -> -2 * Math.tanh(v) * (1 - Math.tanh(v) * Math.tanh(v)));
        assertSecondDerivative(x, t -> t.pow(3), v -> 6 * v);
        assertSecondDerivative(x, t -> t.mul(t).mul(t), v -> 6 * v);
        assertSecondDerivative(x, t -> t.relu().mul(t), v -> v > 0 ? 2 : 0);
    }

    private static void assertSecondDerivative(Tensor x, java.util.function.UnaryOperator<Tensor> f,
                                               java.util.function.DoubleUnaryOperator expected) {
        Tensor dy;
        try (var scope = Autograd.record()) {
            Tensor y = f.apply(x);
            y.backward(Tensor.onesLike(y), false, true);
            dy = x.grad();
        }
        assertThat(dy.gradFn()).as("first derivative recorded with createGraph").isNotNull();
        dy.backward();
        double[] xs = x.toDoubleArray();
        double[] g2 = x.grad().toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            assertThat(g2[i]).as("x = %s", xs[i]).isCloseTo(expected.applyAsDouble(xs[i]), within(1e-12));
        }
    }

    @Test
    void hooksSeeAndMayReplaceGradients() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        List<double[]> seen = new ArrayList<>();
        Runnable remove = x.registerHook(g -> {
            seen.add(g.toDoubleArray());
            return g.mul(10);
        });
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.mul(x).sum();
        }
        y.backward();
        assertThat(seen).hasSize(1);
        assertThat(x.grad().toDoubleArray()).containsExactly(20, 40);
        remove.run();
        try (var scope = Autograd.record()) {
            y = x.mul(x).sum();
        }
        y.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(2, 4);
    }

    @Test
    void leafHeadGetsItsOwnGradient() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        x.backward();
        assertThat(x.grad().toDoubleArray()).containsExactly(1, 1);
    }

    @Test
    void float32GradientsStayFloat32() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.mul(x).sum();
        }
        y.backward();
        assertThat(x.grad().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.grad().toFloatArray()).containsExactly(2f, 4f, 6f);
    }
}
