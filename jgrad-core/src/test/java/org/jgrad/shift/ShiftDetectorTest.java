package org.jgrad.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The classifier two-sample test: it finds a real shift and does not cry wolf. */
class ShiftDetectorTest {

    private static Tensor gaussian(Rng rng, int n, double meanX, double std) {
        return Tensor.randomNormal(rng, 0, std, n, 2).add(Tensor.of(new float[] {(float) meanX, 0f}, 2));
    }

    @Test
    void findsAMeanShift() {
        Rng rng = new Rng(1);
        Tensor source = gaussian(rng, 300, 0, 1);
        Tensor target = gaussian(rng, 200, 0.5, 1);
        ShiftTestResult r = new ShiftDetector(DomainClassifier.logistic().withFolds(2).withSeed(2), 200, 0.05)
                .test(source, target, rng);
        System.out.println("mean shift 0.5σ, 300 vs 200: " + r.summary());
        assertThat(r.auc()).isGreaterThan(0.58);
        assertThat(r.pValue()).isLessThan(0.02);
        assertThat(r.shiftDetected()).isTrue();
        assertThat(r.scores().sourceSize()).isEqualTo(300);
    }

    @Test
    void falsePositiveRateStaysNearAlpha() {
        Rng rng = new Rng(2024);
        DomainClassifier classifier = DomainClassifier.logistic().withFolds(2).withEpochs(40).withLearningRate(0.1);
        int draws = 400;
        int rejected = 0;
        double aucSum = 0;
        long start = System.nanoTime();
        for (int draw = 0; draw < draws; draw++) {
            Tensor source = gaussian(rng, 40, 0, 1);
            Tensor target = gaussian(rng, 40, 0, 1);
            ShiftTestResult r = new ShiftDetector(classifier.withSeed(rng.nextLong()), 99, 0.05).test(source, target, rng);
            aucSum += r.auc();
            if (r.shiftDetected()) {
                rejected++;
            }
        }
        double fpr = (double) rejected / draws;
        System.out.printf("same distribution, %d draws: false-positive rate %.3f at α = 0.05, mean AUC %.3f, %.1f s%n", draws,
                fpr, aucSum / draws, (System.nanoTime() - start) / 1e9);
        assertThat(fpr).isBetween(0.01, 0.10);
        assertThat(aucSum / draws).isBetween(0.47, 0.53);
    }

    @Test
    void retrainingPermutationsFindAClearShift() {
        Rng rng = new Rng(5);
        Tensor source = gaussian(rng, 60, 0, 1);
        Tensor target = gaussian(rng, 60, 1.5, 1);
        DomainClassifier c = DomainClassifier.logistic().withFolds(3).withEpochs(40).withLearningRate(0.1).withSeed(6);
        ShiftTestResult r = new ShiftDetector(c, 19, 0.05, ShiftDetector.Scheme.RETRAIN).test(source, target, rng);
        assertThat(r.pValue()).isEqualTo(1.0 / 20);
        assertThat(r.summary()).contains("retrained per permutation").contains("shift detected");
    }

    @Test
    void badInputIsNamed() {
        Rng rng = new Rng(0);
        ShiftDetector d = ShiftDetector.withDefaults();
        assertThatThrownBy(() -> d.test(Tensor.zeros(10, 3), Tensor.zeros(10, 2), rng))
                .hasMessageContaining("source examples have 3 features but target examples have 2");
        assertThatThrownBy(() -> d.test(Tensor.zeros(0, 2), Tensor.zeros(10, 2), rng))
                .hasMessageContaining("the source set is empty");
        assertThatThrownBy(() -> d.test(Tensor.zeros(10, 2), Tensor.zeros(1, 2), rng))
                .hasMessageContaining("the target set has 1 example; at least 2 are needed");
        assertThatThrownBy(() -> d.test(Tensor.zeros(10), Tensor.zeros(10), rng))
                .hasMessageContaining("expected (examples, features)");
        assertThatThrownBy(() -> new ShiftDetector(DomainClassifier.logistic(), 0, 0.05))
                .hasMessageContaining("at least 1 permutation");
        assertThatThrownBy(() -> new ShiftDetector(DomainClassifier.logistic(), 10, 5))
                .hasMessageContaining("α must be in (0, 1)");
    }
}
