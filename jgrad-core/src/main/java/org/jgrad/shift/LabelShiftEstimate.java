package org.jgrad.shift;

import org.jgrad.data.ArrayDataset;
import org.jgrad.tensor.Tensor;

/**
 * What black-box shift estimation ({@link LabelShift}) found, for k classes. Arrays are shared, not copied.
 *
 * @param confusion             k×k, C[i][j] = P(ŷ = i, y = j) on labelled source validation data
 * @param sourceProportions     p(y), length k: the column sums of C
 * @param targetPredictionRates μ̂, length k: the fraction of target examples predicted as each class
 * @param solvedRatios          w solving C·w = μ̂, before any clipping (may be negative from noise)
 * @param targetProportions     q(y) = w ⊙ p clipped at 0 and rescaled to sum 1: the estimated target label mix
 * @param classWeights          q(y)/p(y) after clipping: the per-class weights for training on source data (0 where p is 0)
 */
public record LabelShiftEstimate(double[][] confusion, double[] sourceProportions, double[] targetPredictionRates,
                                 double[] solvedRatios, double[] targetProportions, double[] classWeights) {

    public int numClasses() {
        return classWeights.length;
    }

    /** Σ|q̂ − q|: the L1 distance of the estimated target proportions from the true ones (between 0 and 2). */
    public double l1Error(double[] trueProportions) {
        if (trueProportions.length != targetProportions.length) {
            throw new IllegalArgumentException("l1Error: " + trueProportions.length + " true proportions given for "
                    + targetProportions.length + " classes");
        }
        double s = 0;
        for (int j = 0; j < trueProportions.length; j++) {
            s += Math.abs(targetProportions[j] - trueProportions[j]);
        }
        return s;
    }

    /** The source data with each example weighted by its class's weight q(y)/p(y), to train for the target mix. */
    public ArrayDataset reweight(ArrayDataset source) {
        if (source.numClasses() != numClasses()) {
            throw new IllegalArgumentException("reweight: the estimate is for " + numClasses() + " classes but the data set has "
                    + source.numClasses());
        }
        float[] w = new float[source.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) classWeights[source.label(i)];
        }
        return source.withWeights(w);
    }

    /**
     * Logits (n, k) of a source-trained classifier moved to the target label mix: adding log w_y turns
     * p_s(y|x) into p_t(y|x) ∝ w_y·p_s(y|x), which is exact under label shift (p(x|y) unchanged).
     */
    public Tensor adjustLogits(Tensor logits) {
        if (logits.rank() != 2 || logits.shape()[1] != numClasses()) {
            throw new IllegalArgumentException("adjustLogits: expected logits of shape (n, " + numClasses() + "), got "
                    + org.jgrad.tensor.Shapes.toString(logits.shape()));
        }
        float[] logW = new float[numClasses()];
        for (int j = 0; j < logW.length; j++) {
            logW[j] = (float) Math.log(Math.max(classWeights[j], 1e-12));
        }
        return logits.add(Tensor.of(logW, numClasses()).astype(logits.dtype()));
    }
}
