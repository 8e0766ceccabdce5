package org.jgrad.shift;

import org.jgrad.data.ArrayDataset;
import org.jgrad.data.Dataset;
import org.jgrad.tensor.Rng;

/**
 * Distribution shift in one call each: is the target different from the source, and the source
 * data reweighted so that training on it minimizes the target's risk (covariate shift). Label shift
 * is {@link LabelShift}. Every call is reproducible from its seed.
 *
 * <pre>{@code
 * ShiftTestResult test = Shift.detect(train, deployment, 42);      // AUC, p-value, verdict at α = 0.05
 * ArrayDataset weighted = Shift.reweight(train, deployment, 42);   // train on this: the losses use its weights
 * }</pre>
 */
public final class Shift {
    private Shift() {
    }

    /** Classifier two-sample test as {@link ShiftDetector#withDefaults()}: logistic regression, half-and-half split, 200 permutations, α 0.05. */
    public static ShiftTestResult detect(Dataset source, Dataset target, long seed) {
        Rng rng = new Rng(seed);
        return new ShiftDetector(DomainClassifier.logistic().withFolds(2).withSeed(rng.nextLong()), 200, 0.05)
                .test(source, target, rng);
    }

    /** The source examples weighted by β(x) from a logistic domain classifier, clipped at 10 and normalized to mean 1. */
    public static ArrayDataset reweight(ArrayDataset source, Dataset target, long seed) {
        return correct(source, target, DomainClassifier.logistic().withSeed(seed), WeightOptions.DEFAULT).weighted();
    }

    /** The source examples weighted by β(x) from the given domain classifier and options, with the weights and scores. */
    public static CovariateShiftCorrection correct(ArrayDataset source, Dataset target, DomainClassifier classifier,
                                                   WeightOptions options) {
        DomainScores scores = classifier.crossFit(source, target);
        ImportanceWeights weights = ImportanceWeights.from(scores, options);
        return new CovariateShiftCorrection(source.withWeights(weights.toFloatArray()), weights, scores);
    }
}
