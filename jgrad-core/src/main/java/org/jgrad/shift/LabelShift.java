package org.jgrad.shift;

import org.jgrad.autograd.Autograd;
import org.jgrad.data.Batch;
import org.jgrad.data.DataLoader;
import org.jgrad.data.Dataset;
import org.jgrad.nn.Module;

/**
 * Label shift: p(y) changes between source and target while p(x|y) stays. Black-box shift
 * estimation (BBSE, Lipton, Wang and Smola 2018) needs only a trained classifier f, labelled source
 * validation data and unlabelled target data:
 * <pre>
 *   C[i][j] = E_source[f_i(x)·1{y = j}]     (k×k; with hard predictions P(ŷ = i, y = j))
 *   μ̂[i]    = E_target[f_i(x)]              (with hard predictions the share predicted as i)
 *   C·w = μ̂, w = q(y)/p(y)                  (solved as ridge least squares, λ tiny)
 *   q̂ = w ⊙ p, clipped at 0, rescaled to sum 1
 * </pre>
 * The equation holds because p(x|y) is shared: μ[i] = Σ_j E[f_i | y = j]·q(j) = Σ_j C[i][j]·w[j].
 * It needs C invertible: a classifier better than chance on every class. f is either the one-hot
 * argmax (hard, the paper's main form) or the softmax probabilities (soft, usually less noisy).
 *
 * <pre>{@code
 * LabelShiftEstimate e = LabelShift.estimate(model, sourceValidation, unlabelledTarget);
 * double[] q = e.targetProportions();              // the target's label mix, length k
 * ArrayDataset weighted = e.reweight(sourceTrain); // per-example weights q(y)/p(y)
 * }</pre>
 */
public final class LabelShift {
    /** The ridge λ used unless another is given: negligible against C's entries, enough to keep a singular C solvable. */
    public static final double DEFAULT_RIDGE = 1e-8;

    private LabelShift() {
    }

    /** Hard BBSE from a model's argmax predictions on source validation data and on target data (target labels unused). */
    public static LabelShiftEstimate estimate(Module model, Dataset sourceValidation, Dataset target) {
        return estimate(model, sourceValidation, target, false);
    }

    /** BBSE from a model's outputs: softmax probabilities if {@code soft}, else one-hot argmax predictions. */
    public static LabelShiftEstimate estimate(Module model, Dataset sourceValidation, Dataset target, boolean soft) {
        if (sourceValidation.numClasses() != target.numClasses()) {
            throw new IllegalArgumentException("LabelShift: the validation set has " + sourceValidation.numClasses()
                    + " classes, the target set " + target.numClasses());
        }
        int[] validationLabels = new int[sourceValidation.size()];
        double[][] validationOutputs = outputs(model, sourceValidation, soft, validationLabels);
        double[][] targetOutputs = outputs(model, target, soft, null);
        return estimate(validationLabels, validationOutputs, targetOutputs, DEFAULT_RIDGE);
    }

    /**
     * Hard BBSE from predicted classes.
     *
     * @param validationLabels      true classes of the source validation examples
     * @param validationPredictions the classifier's predictions for them (same length)
     * @param targetPredictions     its predictions for the target examples
     * @param numClasses            k
     * @param ridge                 λ ≥ 0 of the least-squares solve
     */
    public static LabelShiftEstimate estimate(int[] validationLabels, int[] validationPredictions, int[] targetPredictions,
                                              int numClasses, double ridge) {
        if (validationLabels.length != validationPredictions.length) {
            throw new IllegalArgumentException("LabelShift: " + validationLabels.length + " validation labels but "
                    + validationPredictions.length + " predictions; give one prediction per validation example");
        }
        return estimate(validationLabels, oneHot(validationPredictions, numClasses, "validation prediction"),
                oneHot(targetPredictions, numClasses, "target prediction"), ridge);
    }

    /**
     * BBSE from classifier outputs: rows of k non-negative values (probabilities or one-hot).
     *
     * @param validationLabels  true classes of the source validation examples, each in [0, k)
     * @param validationOutputs (n_val × k) the classifier's outputs for them
     * @param targetOutputs     (n_t × k) its outputs for the target examples
     * @param ridge             λ ≥ 0 of the least-squares solve
     */
    public static LabelShiftEstimate estimate(int[] validationLabels, double[][] validationOutputs, double[][] targetOutputs,
                                              double ridge) {
        if (validationLabels.length != validationOutputs.length) {
            throw new IllegalArgumentException("LabelShift: " + validationLabels.length + " validation labels but "
                    + validationOutputs.length + " output rows; give one row per validation example");
        }
        if (validationLabels.length == 0 || targetOutputs.length == 0) {
            throw new IllegalArgumentException("LabelShift: the " + (validationLabels.length == 0 ? "validation" : "target")
                    + " set is empty; BBSE needs labelled source validation data and unlabelled target data");
        }
        if (!(ridge >= 0)) {
            throw new IllegalArgumentException("LabelShift: ridge λ must be ≥ 0, got " + ridge);
        }
        int k = validationOutputs[0].length;
        double[][] c = new double[k][k];
        double[] p = new double[k];
        double unit = 1.0 / validationLabels.length;
        for (int n = 0; n < validationLabels.length; n++) {
            int y = checkClass(validationLabels[n], k, "validation label", n);
            double[] f = checkRow(validationOutputs[n], k, "validation", n);
            for (int i = 0; i < k; i++) {
                c[i][y] += unit * f[i];
            }
            p[y] += unit;
        }
        double[] mu = new double[k];
        for (int n = 0; n < targetOutputs.length; n++) {
            double[] f = checkRow(targetOutputs[n], k, "target", n);
            for (int i = 0; i < k; i++) {
                mu[i] += f[i] / targetOutputs.length;
            }
        }
        double[] w = SmallLinearSystem.ridge(c, mu, ridge);
        double[] q = new double[k];
        double sum = 0;
        for (int j = 0; j < k; j++) {
            q[j] = Math.max(0, w[j] * p[j]);
            sum += q[j];
        }
        if (!(sum > 0)) {
            throw new ArithmeticException("LabelShift: every estimated target proportion is ≤ 0; the classifier's confusion "
                    + "matrix is too poor (check that it beats chance on each class)");
        }
        double[] classWeights = new double[k];
        for (int j = 0; j < k; j++) {
            q[j] /= sum;
            classWeights[j] = p[j] > 0 ? q[j] / p[j] : 0;
        }
        return new LabelShiftEstimate(c, p, mu, w, q, classWeights);
    }

    /** The label proportions of a data set: what a label-shift estimate is compared with. */
    public static double[] proportions(Dataset data) {
        double[] q = new double[data.numClasses()];
        if (data.size() == 0) {
            return q;
        }
        for (Batch b : DataLoader.sequential(data, 4096)) {
            for (float label : b.labels().toFloatArray()) {
                q[(int) label] += 1.0 / data.size();
            }
        }
        return q;
    }

    /** A model's outputs over a data set, (n × k): softmax rows or one-hot argmax rows; fills labelsOut if given. */
    static double[][] outputs(Module model, Dataset data, boolean soft, int[] labelsOut) {
        double[][] out = new double[data.size()][];
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var scope = Autograd.pause()) {
            int at = 0;
            for (Batch b : DataLoader.sequential(data, 1024)) {
                var logits = model.forward(b.features());
                int k = logits.shape()[1];
                float[] values = soft ? logits.softmax(1).toFloatArray() : logits.argmax(1).toFloatArray();
                float[] labels = labelsOut == null ? null : b.labels().toFloatArray();
                for (int r = 0; r < b.size(); r++) {
                    double[] row = new double[k];
                    if (soft) {
                        for (int i = 0; i < k; i++) {
                            row[i] = values[r * k + i];
                        }
                    } else {
                        row[(int) values[r]] = 1;
                    }
                    out[at + r] = row;
                    if (labels != null) {
                        labelsOut[at + r] = (int) labels[r];
                    }
                }
                at += b.size();
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return out;
    }

    private static double[][] oneHot(int[] classes, int k, String what) {
        double[][] rows = new double[classes.length][k];
        for (int n = 0; n < classes.length; n++) {
            rows[n][checkClass(classes[n], k, what, n)] = 1;
        }
        return rows;
    }

    private static double[] checkRow(double[] row, int k, String what, int index) {
        if (row.length != k) {
            throw new IllegalArgumentException("LabelShift: " + what + " output row " + index + " has " + row.length
                    + " values, expected " + k + " (one per class)");
        }
        for (double v : row) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("LabelShift: " + what + " output row " + index + " holds " + v
                        + "; outputs must be finite and non-negative (probabilities or one-hot)");
            }
        }
        return row;
    }

    private static int checkClass(int value, int numClasses, String what, int index) {
        if (value < 0 || value >= numClasses) {
            throw new IllegalArgumentException("LabelShift: " + what + " " + value + " at position " + index
                    + " is outside [0, " + numClasses + ")");
        }
        return value;
    }
}
