package org.jgrad.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GradCheckTest {

    @Test
    void passesOnACorrectGradient() {
        Tensor w = Tensor.of(new double[] {0.3, -1.2, 2.0, 0.5}, 2, 2);
        Tensor x = Tensor.of(new double[] {1.0, -0.5}, 2);
        GradCheck.Report r = GradCheck.check("tanh(Wx)", in -> in[0].matmul(in[1]).tanh(), w, x);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.checked()).isEqualTo(6);
        assertThat(r.relativeError()).isLessThan(1e-6);
    }

    @Test
    void findsAWrongDerivativeAndReportsTheWorstElement() {
        // an op whose backward is deliberately off by a factor of 2 on element 2
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4});
        GradCheck.Report r = GradCheck.check("wrong square", in -> {
            Tensor a = in[0];
            Tensor out = a.detach().mul(a.detach());
            return Recorder.record("wrong_square", out, new Tensor[] {a}, new Tensor[] {a}, (n, g) -> {
                Tensor twoA = n.saved(0).detach().mul(2).copy();
                twoA.storage().set(2, twoA.storage().get(2) * 2);
                return new Tensor[] {g.mul(twoA)};
            });
        }, x);
        assertThat(r.passed()).isFalse();
        assertThat(r.index()).containsExactly(2);
        assertThat(r.analytic()).isCloseTo(2 * r.numeric(), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(r.toString()).contains("wrong square", "FAILED", "input 0 at (2)");
        assertThatThrownBy(r::orThrow).isInstanceOf(AssertionError.class);
        assertThat(x.toDoubleArray()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void refusesFloat32Results() {
        assertThatThrownBy(() -> GradCheck.check("f32", in -> in[0].astype(DType.FLOAT32), Tensor.zeros(2)))
                .hasMessageContaining("keep it in float64");
    }
}
