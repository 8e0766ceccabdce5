package org.jgrad.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.jgrad.data.ArrayDataset;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** BBSE on synthetic predictions whose confusion matrix is known, and the small solver under it. */
class LabelShiftTest {

    @Test
    void recoversTheMixExactlyWhenTargetPredictionsFollowTheConfusionMatrix() {
        // validation: 10 examples per class; the classifier is right 8 times in 10, wrong towards the next class
        int[] labels = new int[30];
        int[] predicted = new int[30];
        for (int i = 0; i < 30; i++) {
            labels[i] = i / 10;
            predicted[i] = i % 10 < 8 ? labels[i] : (labels[i] + 1) % 3;
        }
        // target mix q = (0.6, 0.3, 0.1) over 100 examples with the same per-class error pattern
        int[] target = new int[100];
        int at = 0;
        int[] counts = {60, 30, 10};
        for (int y = 0; y < 3; y++) {
            for (int i = 0; i < counts[y]; i++) {
                target[at++] = i % 10 < 8 ? y : (y + 1) % 3;
            }
        }
        LabelShiftEstimate e = LabelShift.estimate(labels, predicted, target, 3, 0);
        assertThat(e.targetProportions()).containsExactly(new double[] {0.6, 0.3, 0.1}, within(1e-12));
        assertThat(e.classWeights()).containsExactly(new double[] {1.8, 0.9, 0.3}, within(1e-12));
        assertThat(e.sourceProportions()).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-12));
        assertThat(e.confusion()[1][0]).isCloseTo(2 / 30.0, within(1e-12)); // P(ŷ = 1, y = 0)
        assertThat(e.l1Error(new double[] {0.5, 0.4, 0.1})).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void estimatesANoisyMixClosely() {
        // a 4-class classifier right 75% of the time, else uniform; source balanced, target mix (0.5, 0.2, 0.2, 0.1)
        Rng rng = new Rng(9);
        int n = 20_000;
        int[] labels = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            predicted[i] = noisyPrediction(labels[i], rng);
        }
        int[] target = new int[n];
        double[] truth = new double[4];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            int y = u < 0.5 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
            truth[y] += 1.0 / n;
            target[i] = noisyPrediction(y, rng);
        }
        LabelShiftEstimate e = LabelShift.estimate(labels, predicted, target, 4, LabelShift.DEFAULT_RIDGE);
        assertThat(e.l1Error(truth)).isLessThan(0.05); // about 0.02 expected; it shrinks as 1/√n (0.002 at 10⁶)
        assertThat(e.l1Error(truth)).isLessThan(l1(e.targetPredictionRates(), truth) / 3); // far better than counting predictions
    }

    private static double l1(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }

    private static int noisyPrediction(int y, Rng rng) {
        return rng.nextDouble() < 0.75 ? y : rng.nextInt(4);
    }

    @Test
    void clipsNegativeSolutionsToTheSimplex() {
        // the classifier never predicts class 2 in the target, and overpredicts it in validation: w₂ comes out negative
        int[] labels = {0, 0, 1, 1, 2, 2};
        int[] predicted = {0, 2, 1, 1, 2, 2};
        int[] target = {0, 0, 0, 1, 1, 1};
        LabelShiftEstimate e = LabelShift.estimate(labels, predicted, target, 3, 0);
        assertThat(e.solvedRatios()[2]).isNegative();
        assertThat(e.targetProportions()[2]).isZero();
        assertThat(e.targetProportions()[0] + e.targetProportions()[1] + e.targetProportions()[2]).isCloseTo(1, within(1e-12));
        assertThat(java.util.Arrays.stream(e.targetProportions()).min().getAsDouble()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void weightsExamplesByClassAndShiftsLogits() {
        LabelShiftEstimate e = new LabelShiftEstimate(new double[2][2], new double[] {0.5, 0.5}, new double[] {0.5, 0.5},
                new double[] {1.6, 0.4}, new double[] {0.8, 0.2}, new double[] {1.6, 0.4});
        ArrayDataset data = ArrayDataset.of(new float[] {1, 2, 3}, new int[] {1}, new int[] {0, 1, 0}, 2);
        assertThat(e.reweight(data).weights(new int[] {0, 1, 2}).toFloatArray()).containsExactly(1.6f, 0.4f, 1.6f);
        Tensor adjusted = e.adjustLogits(Tensor.of(new float[] {0, 0}, 1, 2));
        assertThat(adjusted.get(0, 0) - adjusted.get(0, 1)).isCloseTo(Math.log(4), within(1e-6));
        assertThatThrownBy(() -> e.adjustLogits(Tensor.zeros(1, 3))).hasMessageContaining("expected logits of shape (n, 2)");
    }

    @Test
    void solvesWithPivotingAndNamesASingularSystem() {
        double[] x = SmallLinearSystem.solve(new double[][] {{0, 2, 1}, {1, 1, 0}, {2, 0, 3}}, new double[] {7, 3, 11});
        assertThat(x).containsExactly(new double[] {1, 2, 3}, within(1e-12)); // the zero pivot forces a row swap
        assertThatThrownBy(() -> SmallLinearSystem.solve(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 2}))
                .hasMessageContaining("singular").hasMessageContaining("ridge");
        double[] ridge = SmallLinearSystem.ridge(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 2}, 1e-9);
        assertThat(ridge[0] + 2 * ridge[1]).isCloseTo(1, within(1e-6)); // the least-squares fit is still exact
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> LabelShift.estimate(new int[] {0, 1}, new int[] {0}, new int[] {0}, 2, 0))
                .hasMessageContaining("2 validation labels but 1 predictions");
        assertThatThrownBy(() -> LabelShift.estimate(new int[0], new int[0], new int[] {0}, 2, 0))
                .hasMessageContaining("the validation set is empty");
        assertThatThrownBy(() -> LabelShift.estimate(new int[] {0}, new int[] {0}, new int[0], 2, 0))
                .hasMessageContaining("the target set is empty");
        assertThatThrownBy(() -> LabelShift.estimate(new int[] {0, 2}, new int[] {0, 1}, new int[] {0}, 2, 0))
                .hasMessageContaining("validation label 2 at position 1 is outside [0, 2)");
        assertThatThrownBy(() -> LabelShift.estimate(new int[] {0}, new double[][] {{0.5, 0.5, 0}}, new double[][] {{1, 0}}, 0))
                .hasMessageContaining("target output row 0 has 2 values, expected 3");
        assertThatThrownBy(() -> LabelShift.estimate(new int[] {0}, new int[] {0}, new int[] {0}, 1, -1))
                .hasMessageContaining("ridge λ must be ≥ 0");
    }
}
