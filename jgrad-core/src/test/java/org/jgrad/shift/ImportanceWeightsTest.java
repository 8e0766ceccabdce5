package org.jgrad.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** β from classifier outputs, clipping, normalization and the effective sample size, on numbers worked out by hand. */
class ImportanceWeightsTest {

    @Test
    void betaUndoesTheClassifiersPrior() {
        // 200 source, 100 target: a classifier that cannot tell them apart says p(target|x) = 1/3, so β = 2 · (1/3)/(2/3) = 1
        ImportanceWeights w = ImportanceWeights.fromProbabilities(new double[] {1.0 / 3, 0.5, 0.8}, 200, 100, WeightOptions.RAW);
        assertThat(w.values()[0]).isCloseTo(1.0, within(1e-12));
        assertThat(w.values()[1]).isCloseTo(2.0, within(1e-12));
        assertThat(w.values()[2]).isCloseTo(8.0, within(1e-9));
    }

    @Test
    void fromHeldOutLogitsIsThePriorRatioTimesTheOdds() {
        DomainScores s = new DomainScores(new double[] {0, Math.log(3)}, new double[] {0, 0, 0, 0}, new int[2], new int[4], 2);
        ImportanceWeights w = ImportanceWeights.from(s, WeightOptions.RAW);
        assertThat(w.values()).containsExactly(new double[] {0.5, 1.5}, within(1e-12));
    }

    @Test
    void clipsBeforeNormalizing() {
        ImportanceWeights w = ImportanceWeights.of(new double[] {1, 2, 30, 50}, new WeightOptions(20, true));
        assertThat(w.clippedCount()).isEqualTo(2);
        double scale = 4.0 / 43; // clipped to {1, 2, 20, 20}, sum 43, then mean 1
        assertThat(w.values()).containsExactly(new double[] {scale, 2 * scale, 20 * scale, 20 * scale}, within(1e-12));
        assertThat(w.mean()).isCloseTo(1.0, within(1e-12));
        assertThat(w.raw()).containsExactly(1, 2, 30, 50);
        assertThat(w.toFloatArray()).hasSize(4);
    }

    @Test
    void effectiveSampleSizeRunsFromOneToN() {
        assertThat(ImportanceWeights.of(new double[] {3, 3, 3, 3}, WeightOptions.RAW).effectiveSampleSize()).isEqualTo(4.0);
        assertThat(ImportanceWeights.of(new double[] {0, 0, 5, 0}, WeightOptions.RAW).effectiveSampleSize()).isEqualTo(1.0);
        // (1 + 2 + 3)² / (1 + 4 + 9) = 36 / 14
        ImportanceWeights w = ImportanceWeights.of(new double[] {1, 2, 3}, WeightOptions.DEFAULT);
        assertThat(w.effectiveSampleSize()).isCloseTo(36.0 / 14, within(1e-12));
        assertThat(w.summary()).contains("3 weights").contains("ESS 2.6 (85.7%)");
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> ImportanceWeights.of(new double[] {1, -2}, WeightOptions.RAW))
                .hasMessageContaining("β of example 1 is -2.0");
        assertThatThrownBy(() -> ImportanceWeights.of(new double[] {Double.NaN}, WeightOptions.RAW))
                .hasMessageContaining("β of example 0 is NaN");
        assertThatThrownBy(() -> ImportanceWeights.of(new double[0], WeightOptions.RAW)).hasMessageContaining("no examples");
        assertThatThrownBy(() -> ImportanceWeights.of(new double[] {0, 0}, WeightOptions.DEFAULT))
                .hasMessageContaining("every weight is 0");
        assertThatThrownBy(() -> ImportanceWeights.fromProbabilities(new double[] {1.5}, 10, 10, WeightOptions.RAW))
                .hasMessageContaining("probability 1.5 of example 0 is outside [0, 1]");
        assertThatThrownBy(() -> ImportanceWeights.fromProbabilities(new double[] {0.5}, 10, 0, WeightOptions.RAW))
                .hasMessageContaining("n_t = 0");
        assertThatThrownBy(() -> new WeightOptions(0, true)).hasMessageContaining("maxWeight must be positive");
    }
}
