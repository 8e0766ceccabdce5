package org.jgrad.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.jgrad.autograd.Autograd;
import org.jgrad.loss.L2Penalty;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class OptimizerTest {

    /** A parameter w with gradient g set by hand. */
    private static Tensor param(double[] w, double[] g) {
        Tensor t = Tensor.of(w).attachGrad();
        Tensor.of(g).storage().copyTo(0, t.grad().storage(), 0, g.length);
        return t;
    }

    @Test
    void plainSgd() {
        Tensor w = param(new double[] {1, -2}, new double[] {0.5, 1});
        new Sgd(List.of(w), 0.1).step();
        assertThat(w.toDoubleArray()).containsExactly(0.95, -2.1);
    }

    @Test
    void momentumAndNesterovByHand() {
        Tensor a = param(new double[] {1}, new double[] {1});
        Tensor b = param(new double[] {1}, new double[] {1});
        Sgd mom = new Sgd(List.of(a), 0.1, 0.9, false, 0);
        Sgd nes = new Sgd(List.of(b), 0.1, 0.9, true, 0);
        mom.step(); // v = 1, w = 0.9
        mom.step(); // v = 1.9, w = 0.71
        nes.step(); // v = 1, d = 1 + 0.9 = 1.9, w = 0.81
        nes.step(); // v = 1.9, d = 1 + 1.71 = 2.71, w = 0.539
        assertThat(a.item()).isCloseTo(0.71, within(1e-15));
        assertThat(b.item()).isCloseTo(0.539, within(1e-15));
        assertThat(mom.state(0).get("momentum").item()).isCloseTo(1.9, within(1e-15));
    }

    @Test
    void l2PenaltyInTheLossEqualsWeightDecayInSgd() {
        double lambda = 0.05;
        Tensor x = Tensor.randomNormal(new Rng(1), 0, 1, DType.FLOAT64, 8, 3);
        Tensor w0 = Tensor.randomNormal(new Rng(2), 0, 1, DType.FLOAT64, 3, 2);
        Tensor viaPenalty = w0.copy().attachGrad();
        Tensor viaDecay = w0.copy().attachGrad();
        for (int step = 0; step < 3; step++) {
            Tensor j;
            try (var scope = Autograd.record()) {
                j = x.matmul(viaPenalty).tanh().sum().add(L2Penalty.of(lambda, List.of(viaPenalty)));
            }
            j.backward();
            new Sgd(List.of(viaPenalty), 0.1).step();
            Tensor l;
            try (var scope = Autograd.record()) {
                l = x.matmul(viaDecay).tanh().sum();
            }
            l.backward();
            new Sgd(List.of(viaDecay), 0.1, 0, false, lambda).step();
        }
        double[] p = viaPenalty.toDoubleArray();
        double[] d = viaDecay.toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            assertThat(p[i]).isCloseTo(d[i], within(1e-14));
        }
    }

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        Tensor w = param(new double[] {1, 1}, new double[] {3, -0.001});
        new Adam(List.of(w), 0.01).step();
        // m̂ = g, v̂ = g², so the step is lr·g/(|g| + ε) ≈ lr·sign(g)
        assertThat(w.toDoubleArray()[0]).isCloseTo(0.99, within(1e-8));
        assertThat(w.toDoubleArray()[1]).isCloseTo(1.01, within(1e-7));
    }

    @Test
    void adamWDecaysTheWeightsApartFromTheGradient() {
        Tensor w = param(new double[] {2}, new double[] {0});
        Adam.adamW(List.of(w), 0.1, 0.5).step();
        assertThat(w.item()).isCloseTo(2 * (1 - 0.1 * 0.5), within(1e-12));
        Tensor l2 = param(new double[] {2}, new double[] {0});
        new Adam(List.of(l2), 0.1, 0.9, 0.999, 1e-8, 0.5, false).step(); // g = 1 from decay: moves by lr
        assertThat(l2.item()).isCloseTo(1.9, within(1e-7));
    }

    @Test
    void float32AndFloat64UpdatesAgree() {
        Tensor f = Tensor.of(new float[] {1, 2}).attachGrad();
        Tensor.of(new float[] {0.5f, -0.25f}).storage().copyTo(0, f.grad().storage(), 0, 2);
        Tensor d = param(new double[] {1, 2}, new double[] {0.5, -0.25});
        Adam af = new Adam(List.of(f), 0.01);
        Adam ad = new Adam(List.of(d), 0.01);
        for (int i = 0; i < 5; i++) {
            af.step();
            ad.step();
        }
        assertThat(f.toDoubleArray()[0]).isCloseTo(d.toDoubleArray()[0], within(1e-6));
        assertThat(f.toDoubleArray()[1]).isCloseTo(d.toDoubleArray()[1], within(1e-6));
    }

    @Test
    void clippingByGlobalNormAndByValue() {
        Tensor a = param(new double[] {0, 0}, new double[] {3, 0});
        Tensor b = param(new double[] {0}, new double[] {4});
        double norm = GradClip.byGlobalNorm(List.of(a, b), 1);
        assertThat(norm).isEqualTo(5);
        assertThat(a.grad().toDoubleArray()[0]).isCloseTo(0.6, within(1e-15));
        assertThat(b.grad().item()).isCloseTo(0.8, within(1e-15));
        double[] before = a.grad().toDoubleArray();
        assertThat(GradClip.byGlobalNorm(List.of(a, b), 10)).isCloseTo(1, within(1e-15));
        assertThat(a.grad().toDoubleArray()).containsExactly(before);
        GradClip.byValue(List.of(a, b), 0.7);
        assertThat(b.grad().item()).isEqualTo(0.7);
    }

    @Test
    void schedules() {
        assertThat(LrSchedule.step(10, 0.5).at(1, 1)).isEqualTo(1);
        assertThat(LrSchedule.step(10, 0.5).at(11, 1)).isEqualTo(0.5);
        assertThat(LrSchedule.step(10, 0.5).at(25, 1)).isEqualTo(0.25);
        assertThat(LrSchedule.cosine(100, 0).at(1, 2)).isEqualTo(2);
        assertThat(LrSchedule.cosine(100, 0).at(51, 2)).isCloseTo(1, within(1e-12));
        assertThat(LrSchedule.cosine(100, 0.1).at(500, 2)).isCloseTo(0.1, within(1e-12));
        LrSchedule warm = LrSchedule.warmup(4, LrSchedule.constant());
        assertThat(warm.at(1, 1)).isEqualTo(0.25);
        assertThat(warm.at(4, 1)).isEqualTo(1);
        assertThat(warm.at(9, 1)).isEqualTo(1);
        Tensor w = param(new double[] {1}, new double[] {1});
        Sgd sgd = new Sgd(List.of(w), 1);
        sgd.schedule(LrSchedule.step(1, 0.1));
        sgd.step();
        sgd.step();
        assertThat(w.item()).isCloseTo(1 - 1 - 0.1, within(1e-15));
        assertThat(sgd.learningRate()).isCloseTo(0.1, within(1e-15));
    }

    @Test
    void aStepAllocatesNothingParameterSized() {
        Tensor big = Tensor.zeros(1_000_000).attachGrad();
        Sgd sgd = new Sgd(List.of(big), 0.1, 0.9, true, 1e-4);
        Adam adam = new Adam(List.of(big), 0.1);
        for (int i = 0; i < 3; i++) {
            sgd.step();
            adam.step();
        }
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getThreadAllocatedBytes(Thread.currentThread().getId());
        sgd.step();
        adam.step();
        long allocated = bean.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated by two steps over 1M parameters").isLessThan(64 * 1024);
    }

    @Test
    void parametersWithoutGradientsAreRejected() {
        assertThatThrownBy(() -> new Sgd(List.of(Tensor.zeros(2).name("w")), 0.1))
                .hasMessageContaining("'w' has no gradient buffer; call attachGrad()");
    }
}
