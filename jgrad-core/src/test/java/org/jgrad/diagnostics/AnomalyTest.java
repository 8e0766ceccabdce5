package org.jgrad.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jgrad.autograd.Autograd;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AnomalyTest {

    @Test
    void aNonFiniteForwardOutputNamesTheOpShapesAndTheUsersLine() {
        Tensor x = Tensor.of(new double[] {1, 0, 2}).attachGrad();
        try (var anomaly = Autograd.detectAnomaly(); var scope = Autograd.record()) {
            assertThatThrownBy(() -> x.log().sum())
                    .isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("'log' produced -Inf at flat index 1")
                    .hasMessageContaining("from inputs [(3,)]")
                    .hasMessageContaining("AnomalyTest");
        }
    }

    @Test
    void aNonFiniteGradientNamesTheBackwardAndWhereTheOpWasRecorded() {
        Tensor x = Tensor.of(new double[] {0, 4}).attachGrad();
        Tensor y;
        try (var anomaly = Autograd.detectAnomaly()) {
            try (var scope = Autograd.record()) {
                y = x.sqrt().sum(); // finite forward, but d√x/dx = ∞ at 0
            }
            assertThatThrownBy(y::backward).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("sqrtBackward produced +Inf at flat index 0 in the gradient for input 0")
                    .hasMessageContaining("'sqrt' was recorded at org.jgrad.diagnostics.AnomalyTest");
        }
    }

    @Test
    void offByDefaultNanFlowsQuietly() {
        assertThat(Autograd.isAnomalyDetectionEnabled()).isFalse();
        Tensor x = Tensor.of(new double[] {0}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.sqrt().sum();
        }
        y.backward();
        assertThat(x.grad().item()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(y.gradFn().inputs().get(0).node().creationStack()).isNull();
    }

    @Test
    void gradientsCanBeReturnedWithoutTouchingBuffers() {
        Tensor x = Tensor.of(new double[] {1, 2}).attachGrad();
        Tensor w = Tensor.of(new double[] {3}).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.mul(w).sum();
        }
        Tensor[] g = Autograd.gradients(y, null, x, w);
        assertThat(g[0].toDoubleArray()).containsExactly(3, 3);
        assertThat(g[1].toDoubleArray()).containsExactly(3);
        assertThat(x.grad().toDoubleArray()).containsExactly(0, 0);
        assertThatThrownBy(() -> Autograd.gradients(y, null, Tensor.zeros(DType.FLOAT64, 1)))
                .hasMessageContaining("not a leaf");
    }
}
