package org.jgrad.shift;

import java.util.Locale;

/**
 * The outcome of a classifier two-sample test ({@link ShiftDetector}).
 *
 * @param auc          the AUC the p-value belongs to (held-out fold 0, or every held-out score for
 *                     {@link ShiftDetector.Scheme#RETRAIN}), target as the positive class; 0.5: no signal
 * @param pValue       permutation p-value, (1 + #{permuted AUC ≥ auc}) / (1 + permutations)
 * @param alpha        the significance level the verdict uses
 * @param permutations how many permutations the p-value rests on
 * @param scheme       how the permutations were made
 * @param scores       the held-out domain scores the test was computed from
 */
public record ShiftTestResult(double auc, double pValue, double alpha, int permutations, ShiftDetector.Scheme scheme,
                              DomainScores scores) {

    /** Whether the test rejects "same distribution" at level α: p ≤ α. */
    public boolean shiftDetected() {
        return pValue <= alpha;
    }

    /** E.g. {@code AUC 0.731, p = 0.005 (199 permutations): shift detected at α = 0.05}. */
    public String summary() {
        return String.format(Locale.ROOT, "AUC %.3f, p = %.4g (%d permutations, %s): %s at α = %s", auc, pValue,
                permutations, scheme.description(), shiftDetected() ? "shift detected" : "no shift detected", alpha);
    }
}
