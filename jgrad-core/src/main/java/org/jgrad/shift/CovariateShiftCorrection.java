package org.jgrad.shift;

import org.jgrad.data.ArrayDataset;

/**
 * The result of {@link Shift#correct}: the source data weighted for the target, with what the weights came from.
 *
 * @param weighted the source examples, each carrying its importance weight
 * @param weights  the weights (with ESS and summary figures)
 * @param scores   the domain classifier's held-out scores the weights were computed from (AUC included)
 */
public record CovariateShiftCorrection(ArrayDataset weighted, ImportanceWeights weights, DomainScores scores) {
}
