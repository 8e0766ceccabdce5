package org.jgrad.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.jgrad.shift.experiment.GaussianCovariateShift;
import org.junit.jupiter.api.Test;

/** Two Gaussians, where β(x) is known in closed form: the estimate ranks like the truth, and weighting lowers the target risk. */
class GaussianCovariateShiftTest {

    @Test
    void estimatedRatioTracksTheTrueOneAndWeightingLowersTargetRisk() {
        long start = System.nanoTime();
        GaussianCovariateShift.Report r = GaussianCovariateShift.run(7);
        System.out.println(r.summary());
        System.out.printf("(%.1f s)%n", (System.nanoTime() - start) / 1e9);

        assertThat(r.test().shiftDetected()).isTrue();
        assertThat(r.test().pValue()).isLessThan(0.01);
        assertThat(r.spearman()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.trueBeta()).hasSameSizeAs(r.estimatedBeta()).hasSameSizeAs(r.sourceX());
        assertThat(r.ess()).isBetween(100.0, 1000.0);
        // the linear model cannot fit the boundary |x| = 1 everywhere; weighted, it fits it where the target lives
        assertThat(r.weighted().loss()).isLessThan(r.unweighted().loss() - 0.1);
        assertThat(r.weighted().accuracy()).isGreaterThan(r.unweighted().accuracy());
        assertThat(r.weighted().loss()).isCloseTo(r.trueWeighted().loss(), within(0.05));
    }

    @Test
    void theClosedFormRatioIsTheDensityQuotient() {
        // at x = 0: N(0; 1, 0.36) / N(0; 0, 1) = (1/0.6)·exp(−1/0.72)
        assertThat(GaussianCovariateShift.trueRatio(0)).isCloseTo(Math.exp(-1 / 0.72) / 0.6, within(1e-12));
        assertThat(GaussianCovariateShift.probabilityOfClassOne(1)).isEqualTo(0.5);
    }

    @Test
    void spearmanIsOneForAnyIncreasingMapAndHandlesTies() {
        double[] a = {1, 2, 3, 4, 5};
        assertThat(RankCorrelation.spearman(a, new double[] {1, 8, 27, 64, 125})).isCloseTo(1, within(1e-12));
        assertThat(RankCorrelation.spearman(a, new double[] {5, 4, 3, 2, 1})).isCloseTo(-1, within(1e-12));
        // ranks of {1, 1, 2}: 1.5, 1.5, 3 against 1, 2, 3 → ρ = √3/2
        assertThat(RankCorrelation.spearman(new double[] {1, 2, 3}, new double[] {1, 1, 2})).isCloseTo(Math.sqrt(3) / 2, within(1e-12));
    }
}
