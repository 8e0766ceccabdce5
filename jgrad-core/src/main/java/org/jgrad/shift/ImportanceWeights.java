package org.jgrad.shift;

import java.util.Locale;

/**
 * Importance weights for covariate shift: one weight per source example, β(x) = p_target(x) /
 * p_source(x), so that a β-weighted loss over source data estimates the loss over target data.
 * From a domain classifier's held-out p = p(target | x):
 * <pre>
 *   β(x) = n_s/n_t · p / (1 − p) = n_s/n_t · exp(logit)
 * </pre>
 * (the factor n_s/n_t undoes the classifier's prior, the ratio of the set sizes). Then
 * {@link WeightOptions} clip and normalize. The effective sample size ESS = (Σw)² / Σw² says how many
 * unweighted examples the weighted set is worth: n when all weights are equal, near 1 when one
 * dominates.
 *
 * <pre>{@code
 * ImportanceWeights w = ImportanceWeights.from(scores, WeightOptions.DEFAULT);
 * ArrayDataset weighted = source.withWeights(w.toFloatArray());
 * }</pre>
 */
public final class ImportanceWeights {
    private final double[] raw;
    private final double[] values;
    private final int clipped;
    private final WeightOptions options;

    private ImportanceWeights(double[] raw, WeightOptions options) {
        this.raw = raw;
        this.options = options;
        this.values = new double[raw.length];
        int c = 0;
        double sum = 0;
        for (int i = 0; i < raw.length; i++) {
            if (!(raw[i] >= 0) || Double.isInfinite(raw[i])) {
                throw new IllegalArgumentException("ImportanceWeights: β of example " + i + " is " + raw[i]
                        + "; density ratios must be finite and non-negative");
            }
            values[i] = raw[i];
            if (raw[i] > options.maxWeight()) {
                values[i] = options.maxWeight();
                c++;
            }
            sum += values[i];
        }
        this.clipped = c;
        if (options.normalize()) {
            if (!(sum > 0)) {
                throw new IllegalArgumentException("ImportanceWeights: every weight is 0, so they cannot be normalized to mean 1");
            }
            double scale = raw.length / sum;
            for (int i = 0; i < values.length; i++) {
                values[i] *= scale;
            }
        }
    }

    /** Weights for the source examples from a domain classifier's held-out scores. */
    public static ImportanceWeights from(DomainScores scores, WeightOptions options) {
        double prior = (double) scores.sourceSize() / scores.targetSize();
        double[] beta = new double[scores.sourceSize()];
        for (int i = 0; i < beta.length; i++) {
            beta[i] = prior * Math.exp(Math.min(scores.sourceLogits()[i], 700)); // exp(700) is still finite
        }
        return of(beta, options);
    }

    /** Weights from probabilities p(target | x) of the source examples, a classifier trained on n_s source and n_t target examples. */
    public static ImportanceWeights fromProbabilities(double[] targetProbability, int sourceCount, int targetCount,
                                                      WeightOptions options) {
        if (sourceCount < 1 || targetCount < 1) {
            throw new IllegalArgumentException("ImportanceWeights: set sizes must be positive, got n_s = " + sourceCount
                    + ", n_t = " + targetCount);
        }
        double[] beta = new double[targetProbability.length];
        for (int i = 0; i < beta.length; i++) {
            double p = targetProbability[i];
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("ImportanceWeights: probability " + p + " of example " + i + " is outside [0, 1]");
            }
            p = Math.min(p, 1 - 1e-12); // p = 1 would mean an infinite ratio
            beta[i] = (double) sourceCount / targetCount * p / (1 - p);
        }
        return of(beta, options);
    }

    /** Weights from ratios already known (e.g. the true ratio of a synthetic experiment). */
    public static ImportanceWeights of(double[] beta, WeightOptions options) {
        if (beta.length == 0) {
            throw new IllegalArgumentException("ImportanceWeights: no examples to weight");
        }
        return new ImportanceWeights(beta.clone(), options == null ? WeightOptions.RAW : options);
    }

    /** The weights after clipping and normalization, one per source example (a copy). */
    public double[] values() {
        return values.clone();
    }

    /** The weights as float32, ready for {@code ArrayDataset.withWeights}. */
    public float[] toFloatArray() {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    /** β before clipping and normalization (a copy). */
    public double[] raw() {
        return raw.clone();
    }

    public int size() {
        return values.length;
    }

    /** How many raw weights exceeded the clipping threshold. */
    public int clippedCount() {
        return clipped;
    }

    public WeightOptions options() {
        return options;
    }

    /** Effective sample size (Σw)² / Σw², between 1 and n. */
    public double effectiveSampleSize() {
        return effectiveSampleSize(values);
    }

    /** ESS of any non-negative weights (0 when all are 0). */
    public static double effectiveSampleSize(double[] w) {
        double sum = 0;
        double sumSq = 0;
        for (double v : w) {
            sum += v;
            sumSq += v * v;
        }
        return sumSq == 0 ? 0 : sum * sum / sumSq;
    }

    public double min() {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    public double max() {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    public double mean() {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** E.g. {@code 6000 weights: min 0.031, mean 1.000, max 8.41; 12 clipped at 10; ESS 2931 (48.9%)}. */
    public String summary() {
        return String.format(Locale.ROOT, "%d weights: min %.3g, mean %.3g, max %.3g; %d clipped at %s; ESS %.1f (%.1f%%)",
                size(), min(), mean(), max(), clipped, options.maxWeight(), effectiveSampleSize(),
                100 * effectiveSampleSize() / size());
    }
}
