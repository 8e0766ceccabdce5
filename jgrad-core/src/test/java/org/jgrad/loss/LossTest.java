package org.jgrad.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.jgrad.autograd.Autograd;
import org.jgrad.diagnostics.GradCheck;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossTest {

    @Test
    void softmaxCrossEntropyMatchesTheFormulaAndSurvivesHugeLogits() {
        Tensor logits = Tensor.of(new double[] {1, 2, 3, 0, 0, 0}, 2, 3);
        Tensor labels = Tensor.of(new double[] {2, 0});
        double[] l = new SoftmaxCrossEntropyLoss().perExample(logits, labels).toDoubleArray();
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertThat(l[0]).isCloseTo(lse - 3, within(1e-14));
        assertThat(l[1]).isCloseTo(Math.log(3), within(1e-14));

        Tensor huge = Tensor.of(new float[] {1e4f, -1e4f, 0f, -1e4f, 1e4f, 0f}, 2, 3).attachGrad();
        Tensor mean;
        try (var scope = Autograd.record()) {
            mean = new SoftmaxCrossEntropyLoss().mean(huge, Tensor.of(new float[] {1, 1}));
        }
        mean.backward();
        assertThat(mean.item()).isCloseTo(1e4, within(1e-3)); // row 0 misses by 2e4, row 1 is right: mean 1e4
        for (float g : huge.grad().toFloatArray()) {
            assertThat(Float.isFinite(g)).isTrue();
        }
    }

    @Test
    void sampleWeightsMultiplyEveryLoss() {
        Tensor w = Tensor.of(new double[] {2, 0.5});
        Tensor pred = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        Tensor target = Tensor.of(new double[] {0, 2, 3, 1}, 2, 2);
        for (Loss loss : List.of(new L2Loss(), new MseLoss(), new L1Loss(), new HuberLoss(), new SigmoidBinaryCrossEntropyLoss())) {
            Tensor t = loss instanceof SigmoidBinaryCrossEntropyLoss ? target.gt(1.5) : target;
            double[] plain = loss.perExample(pred, t).toDoubleArray();
            double[] weighted = loss.perExample(pred, t, w).toDoubleArray();
            assertThat(weighted[0]).as(loss.getClass().getSimpleName()).isCloseTo(2 * plain[0], within(1e-12));
            assertThat(weighted[1]).as(loss.getClass().getSimpleName()).isCloseTo(0.5 * plain[1], within(1e-12));
        }
        double[] ce = new SoftmaxCrossEntropyLoss().perExample(pred, Tensor.of(new double[] {0, 1}), w).toDoubleArray();
        assertThat(ce[0]).isCloseTo(2 * Math.log(1 + Math.E), within(1e-12));
        assertThatThrownBy(() -> new L2Loss().perExample(pred, target, Tensor.ones(DType.FLOAT64, 3)))
                .hasMessageContaining("sample weights of shape (3,) do not match a batch of 2");
    }

    @Test
    void regressionLossValues() {
        Tensor pred = Tensor.of(new double[] {0, 3}, 1, 2);
        Tensor target = Tensor.of(new double[] {0.5, 0}, 1, 2);
        assertThat(new L2Loss().perExample(pred, target).item()).isCloseTo((0.125 + 4.5) / 2, within(1e-15));
        assertThat(new MseLoss().perExample(pred, target).item()).isCloseTo((0.25 + 9) / 2, within(1e-15));
        assertThat(new L1Loss().perExample(pred, target).item()).isCloseTo(1.75, within(1e-15));
        // Huber ρ=1: 0.5 → 0.125 (quadratic), 3 → 2.5 (linear)
        assertThat(new HuberLoss().perExample(pred, target).item()).isCloseTo((0.125 + 2.5) / 2, within(1e-15));
    }

    @Test
    void binaryCrossEntropyIsStableAndCorrect() {
        Tensor x = Tensor.of(new double[] {-100, 0, 2, 100});
        Tensor y = Tensor.of(new double[] {1, 1, 0, 1});
        double[] l = new SigmoidBinaryCrossEntropyLoss().perExample(x.reshape(4, 1), y.reshape(4, 1)).toDoubleArray();
        assertThat(l[0]).isCloseTo(100, within(1e-9));
        assertThat(l[1]).isCloseTo(Math.log(2), within(1e-15));
        assertThat(l[2]).isCloseTo(Math.log(1 + Math.exp(2)), within(1e-12));
        assertThat(l[3]).isCloseTo(0, within(1e-15));
    }

    @Test
    void everyLossPassesGradCheck() {
        Rng rng = new Rng(3);
        Tensor pred = Tensor.randomNormal(rng, 0, 1, DType.FLOAT64, 4, 3);
        Tensor target = Tensor.randomNormal(rng, 0, 1, DType.FLOAT64, 4, 3);
        Tensor bits = Tensor.randomUniform(rng, 0, 1, DType.FLOAT64, 4, 3);
        Tensor w = Tensor.randomUniform(rng, 0.5, 2, DType.FLOAT64, 4);
        Tensor labels = Tensor.of(new double[] {0, 2, 1, 2});
        GradCheck.check("L2", in -> new L2Loss().mean(in[0], target, w), pred).orThrow();
        GradCheck.check("MSE", in -> new MseLoss().mean(in[0], target, w), pred).orThrow();
        GradCheck.check("L1", in -> new L1Loss().mean(in[0], target, w), pred).orThrow();
        GradCheck.check("Huber", in -> new HuberLoss(0.5).mean(in[0], target, w), pred).orThrow();
        GradCheck.check("BCE", in -> new SigmoidBinaryCrossEntropyLoss().mean(in[0], bits, w), pred).orThrow();
        GradCheck.check("CE", in -> new SoftmaxCrossEntropyLoss().mean(in[0], labels, w), pred).orThrow();
        GradCheck.check("L2 penalty", in -> L2Penalty.of(0.3, List.of(in[0], in[1])), pred, target).orThrow();
    }

    @Test
    void l2PenaltyIsHalfLambdaTimesSumOfSquares() {
        Tensor a = Tensor.of(new double[] {1, 2});
        Tensor b = Tensor.of(new double[] {3});
        assertThat(L2Penalty.of(0.1, List.of(a, b)).item()).isCloseTo(0.05 * 14, within(1e-15));
    }
}
