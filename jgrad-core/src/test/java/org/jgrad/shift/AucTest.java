package org.jgrad.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.jgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

/** AUC by Mann–Whitney on scores worked out by hand. */
class AucTest {

    @Test
    void perfectSeparationIsOneAndReversedIsZero() {
        assertThat(Auc.of(new double[] {0.1, 0.2, 0.3}, new double[] {0.7, 0.8})).isEqualTo(1.0);
        assertThat(Auc.of(new double[] {0.7, 0.8}, new double[] {0.1, 0.2, 0.3})).isEqualTo(0.0);
    }

    @Test
    void tiesCountOneHalf() {
        // every pair tied: 0.5
        assertThat(Auc.of(new double[] {1, 1, 1}, new double[] {1, 1})).isEqualTo(0.5);
        // negatives {0, 1}, positives {1, 2}: pairs (0,1) win, (0,2) win, (1,1) tie, (1,2) win → 3.5 / 4
        assertThat(Auc.of(new double[] {0, 1}, new double[] {1, 2})).isEqualTo(3.5 / 4);
    }

    @Test
    void countsPairsAsTheDefinitionDoes() {
        Rng rng = new Rng(3);
        double[] neg = new double[37];
        double[] pos = new double[23];
        for (int i = 0; i < neg.length; i++) {
            neg[i] = Math.round(rng.nextGaussian() * 4) / 4.0; // coarse values, many ties
        }
        for (int i = 0; i < pos.length; i++) {
            pos[i] = Math.round((rng.nextGaussian() + 0.5) * 4) / 4.0;
        }
        double wins = 0;
        for (double p : pos) {
            for (double n : neg) {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }
        assertThat(Auc.of(neg, pos)).isCloseTo(wins / (neg.length * pos.length), within(1e-12));
    }

    @Test
    void randomScoresGiveAboutOneHalf() {
        Rng rng = new Rng(11);
        double[] scores = new double[4000];
        boolean[] positive = new boolean[4000];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = rng.nextDouble();
            positive[i] = rng.nextDouble() < 0.3;
        }
        assertThat(Auc.of(scores, positive)).isCloseTo(0.5, within(0.03));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> Auc.of(new double[] {1, 2}, new boolean[] {true}))
                .hasMessageContaining("2 scores but 1 group marks");
        assertThatThrownBy(() -> Auc.of(new double[] {1, 2}, new boolean[] {true, true}))
                .hasMessageContaining("at least one example in each group");
        assertThatThrownBy(() -> Auc.of(new double[] {1, Double.NaN}, new boolean[] {true, false}))
                .hasMessageContaining("score 1 is NaN");
    }
}
