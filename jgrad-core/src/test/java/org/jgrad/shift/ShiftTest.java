package org.jgrad.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.jgrad.data.ArrayDataset;
import org.jgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The one-call helpers and the domain classifier's settings and errors. */
class ShiftTest {

    private static ArrayDataset gaussians(Rng rng, int n, double shift) {
        float[] x = new float[n * 2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = (float) (rng.nextGaussian() + shift);
            x[2 * i + 1] = (float) rng.nextGaussian();
            y[i] = x[2 * i] > 0 ? 1 : 0;
        }
        return ArrayDataset.of(x, new int[] {2}, y, 2);
    }

    @Test
    void reweightUpweightsSourceExamplesThatLookLikeTheTarget() {
        Rng rng = new Rng(4);
        ArrayDataset source = gaussians(rng, 400, 0);
        ArrayDataset target = gaussians(rng, 300, 1);
        ArrayDataset weighted = Shift.reweight(source, target, 8);
        assertThat(weighted.hasWeights()).isTrue();
        assertThat(weighted.size()).isEqualTo(400);
        float[] w = weighted.weights(java.util.stream.IntStream.range(0, 400).toArray()).toFloatArray();
        float[] x = source.features(java.util.stream.IntStream.range(0, 400).toArray()).toFloatArray();
        double mean = 0;
        double[] first = new double[400];
        double[] weights = new double[400];
        for (int i = 0; i < 400; i++) {
            mean += w[i] / 400.0;
            first[i] = x[2 * i];
            weights[i] = w[i];
        }
        assertThat(mean).isCloseTo(1, within(1e-4));
        assertThat(RankCorrelation.spearman(first, weights)).isGreaterThan(0.9); // true log β = x₁ − ½
        assertThat(Shift.reweight(source, target, 8).weights(new int[] {5}).item()).isEqualTo(w[5]); // same seed, same weights
    }

    @Test
    void detectAndCorrectReportWhatTheyFound() {
        Rng rng = new Rng(5);
        ArrayDataset source = gaussians(rng, 300, 0);
        ArrayDataset same = gaussians(rng, 300, 0);
        ArrayDataset shifted = gaussians(rng, 300, 0.8);
        assertThat(Shift.detect(source, shifted, 1).shiftDetected()).isTrue();
        assertThat(Shift.detect(source, same, 1).pValue()).isGreaterThan(0.05);
        CovariateShiftCorrection c = Shift.correct(source, shifted, DomainClassifier.logistic().withSeed(2), WeightOptions.DEFAULT);
        assertThat(c.scores().auc()).isGreaterThan(0.6);
        assertThat(c.weights().effectiveSampleSize()).isBetween(50.0, 300.0);
        assertThat(c.scores().heldOutLogLoss()).isLessThan(Math.log(2));
    }

    @Test
    void chosenL2HasTheLowestHeldOutLogLoss() {
        Rng rng = new Rng(6);
        ArrayDataset source = gaussians(rng, 200, 0);
        ArrayDataset target = gaussians(rng, 200, 1);
        DomainClassifier base = DomainClassifier.logistic().withSeed(3);
        DomainClassifier chosen = base.withL2ChosenFrom(source, target, 100, 0.01);
        assertThat(chosen.l2()).isEqualTo(0.01); // λ = 100 flattens the classifier to a coin toss
        assertThat(chosen.toString()).contains("logistic regression").contains("L2 0.01");
    }

    @Test
    void mlpDomainClassifierAndMiniBatchesWork() {
        Rng rng = new Rng(7);
        ArrayDataset source = gaussians(rng, 200, 0);
        ArrayDataset target = gaussians(rng, 200, 1.5);
        DomainScores s = DomainClassifier.mlp(8).withEpochs(20).withBatchSize(64).withFolds(3).withSeed(1).crossFit(source, target);
        assertThat(s.auc()).isGreaterThan(0.75);
        assertThat(s.sourceFolds()).containsOnly(0, 1, 2);
        assertThat(java.util.Arrays.stream(s.targetProbabilities()).allMatch(p -> p > 0 && p < 1)).isTrue();
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> DomainClassifier.logistic().withFolds(1)).hasMessageContaining("folds must be at least 2");
        assertThatThrownBy(() -> DomainClassifier.mlp()).hasMessageContaining("at least one hidden size");
        assertThatThrownBy(() -> DomainClassifier.mlp(0)).hasMessageContaining("hidden sizes must be positive");
        assertThatThrownBy(() -> DomainClassifier.logistic().withLearningRate(0)).hasMessageContaining("learning rate");
        assertThatThrownBy(() -> DomainClassifier.logistic().withL2(-1)).hasMessageContaining("L2 λ must be ≥ 0");
        ArrayDataset images = ArrayDataset.of(new float[8], new int[] {2, 2}, new int[] {0, 0}, 1);
        ArrayDataset points = ArrayDataset.of(new float[6], new int[] {3}, new int[] {0, 0}, 1);
        assertThatThrownBy(() -> Shift.reweight(images, points, 0))
                .hasMessageContaining("source examples have 4 features but target examples have 3");
    }
}
