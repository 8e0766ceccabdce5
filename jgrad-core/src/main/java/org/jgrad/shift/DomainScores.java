package org.jgrad.shift;

/**
 * Held-out outputs of a {@link DomainClassifier}: for every source and every target example, the
 * logit of p(target | x) from the model trained on the other folds, and which fold it was in. The
 * arrays are shared, not copied.
 *
 * @param sourceLogits one logit per source example, length n_s
 * @param targetLogits one logit per target example, length n_t
 * @param sourceFolds  the fold of each source example, in [0, folds)
 * @param targetFolds  the fold of each target example, in [0, folds)
 * @param folds        the number of folds
 */
public record DomainScores(double[] sourceLogits, double[] targetLogits, int[] sourceFolds, int[] targetFolds, int folds) {

    public int sourceSize() {
        return sourceLogits.length;
    }

    public int targetSize() {
        return targetLogits.length;
    }

    /** p(target | x) of each source example, held out: σ(logit). */
    public double[] sourceProbabilities() {
        return sigmoid(sourceLogits);
    }

    /** p(target | x) of each target example, held out. */
    public double[] targetProbabilities() {
        return sigmoid(targetLogits);
    }

    /** How well the held-out scores tell target (positive) from source: 0.5 when they cannot. */
    public double auc() {
        return Auc.of(sourceLogits, targetLogits);
    }

    /**
     * Mean held-out binary cross-entropy, target labelled 1: how well calibrated the classifier is on
     * data it did not see. Lower is better; compare settings (e.g. L2) by it, since β̂ uses the
     * probabilities themselves, not only their order.
     */
    public double heldOutLogLoss() {
        double sum = 0;
        for (double z : sourceLogits) {
            sum += softplus(z); // −log(1 − σ(z))
        }
        for (double z : targetLogits) {
            sum += softplus(-z); // −log σ(z)
        }
        return sum / (sourceSize() + targetSize());
    }

    private static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** Source then target logits in one array, as {@link #pooledIsTarget()} and {@link #pooledFolds()} order them. */
    double[] pooledLogits() {
        double[] all = new double[sourceSize() + targetSize()];
        System.arraycopy(sourceLogits, 0, all, 0, sourceSize());
        System.arraycopy(targetLogits, 0, all, sourceSize(), targetSize());
        return all;
    }

    boolean[] pooledIsTarget() {
        boolean[] t = new boolean[sourceSize() + targetSize()];
        java.util.Arrays.fill(t, sourceSize(), t.length, true);
        return t;
    }

    int[] pooledFolds() {
        int[] f = new int[sourceSize() + targetSize()];
        System.arraycopy(sourceFolds, 0, f, 0, sourceSize());
        System.arraycopy(targetFolds, 0, f, sourceSize(), targetSize());
        return f;
    }

    private static double[] sigmoid(double[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = 1 / (1 + Math.exp(-logits[i]));
        }
        return p;
    }
}
