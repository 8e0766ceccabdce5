package org.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Bad input gets an error a user can act on, and leaves the tensors involved untouched. */
class ErrorMessagesTest {

    @Test
    void matmulNamesTheOpAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4, 5);
        assertThatThrownBy(() -> a.matmul(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("matmul: (2,3) × (4,5): inner dimensions 3 and 4 differ");
    }

    @Test
    void broadcastMismatchNamesTheOpAndBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).add(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("add: shapes (2,3) and (4,) cannot be broadcast");
    }

    @Test
    void headGradientOfTheWrongShape() {
        Tensor x = Tensor.zeros(3).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.mul(2);
        }
        assertThatThrownBy(() -> y.backward(Tensor.ones(4))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("head gradient has shape (4,)").hasMessageContaining("(3,)");
        y.backward(Tensor.ones(3)); // the graph survived the failed call
        assertThat(x.grad().toFloatArray()).containsExactly(2f, 2f, 2f);
    }

    @Test
    void gradOfATensorThatNeverAttachedOne() {
        assertThatThrownBy(() -> Tensor.zeros(2).name("w").grad()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'w'").hasMessageContaining("call attachGrad()");
    }

    @Test
    void mixingDtypesAsksForAstype() {
        Tensor f = Tensor.zeros(DType.FLOAT32, 2);
        Tensor d = Tensor.zeros(DType.FLOAT64, 2);
        assertThatThrownBy(() -> f.mul(d)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mul: dtypes differ (float32 and float64); convert one with astype(float32) first");
        assertThat(f.mul(d.astype(DType.FLOAT32)).dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void axisOutOfRangeSaysWhatIsValid() {
        Tensor t = Tensor.zeros(2, 3);
        assertThatThrownBy(() -> t.sum(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sum: axis 2 is out of range for a tensor of rank 2 (valid: -2..1)");
        assertThat(t.sum(-1).shape()).containsExactly(2);
        assertThatThrownBy(() -> t.logSoftmax(-3)).hasMessageContaining("logSoftmax: axis -3");
    }

    @Test
    void reshapeToTheWrongSize() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).reshape(4, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot reshape (2,3) (6 elements) into (4,2)");
    }

    @Test
    void pickWithAnIndexOutOfRange() {
        assertThatThrownBy(() -> Tensor.zeros(2, 3).pick(Tensor.of(new float[] {0, 3})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pick: index 3.0 at position 1 is not an integer in [0, 3)");
    }

    @Test
    void valuesThatDoNotFitTheShape() {
        assertThatThrownBy(() -> Tensor.of(new float[] {1, 2, 3}, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("shape (2,2) needs 4 values but 3 were given");
    }

    @Test
    void nanAndInfFlowThroughArithmeticAsIeeeSays() {
        Tensor x = Tensor.of(new double[] {0, 1, -1, Double.NaN});
        double[] r = x.div(Tensor.of(new double[] {0, 0, 0, 1})).toDoubleArray();
        assertThat(Double.isNaN(r[0])).isTrue();
        assertThat(r[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(r[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.isNaN(r[3])).isTrue();
        assertThat(x.log().toDoubleArray()[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Double.isNaN(x.max().item())).isTrue();
        assertThat(Tensor.of(new float[] {Float.POSITIVE_INFINITY}).exp().item()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aBackwardThatReturnsTheWrongShapeIsNamed() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 4).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            Tensor out = x.detach().mul(2);
            y = Recorder.record("broken", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {Tensor.zeros(DType.FLOAT64, 3, 4)});
        }
        assertThatThrownBy(y::backward).isInstanceOf(IllegalStateException.class)
                .hasMessage("brokenBackward returned a gradient of shape (3,4) for input 0, expected (4,)");
    }
}
