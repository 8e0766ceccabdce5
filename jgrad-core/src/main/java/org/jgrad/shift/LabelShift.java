package org.jgrad.shift;

import org.jgrad.autograd.Autograd;
import org.jgrad.data.DataLoader;
import org.jgrad.data.Batch;
import org.jgrad.data.Dataset;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;

/**
 * Label shift: p(y) changes between source and target while p(x|y) stays. Black-box shift
 * estimation (BBSE, Lipton et al. 2018) needs only a trained classifier f, labelled source
 * validation data and unlabelled target data:
 * <pre>
 *   C[i][j] = P_source(f(x) = i, y = j)      (k×k, from validation data)
 *   μ̂[i]    = P_target(f(x) = i)             (from target predictions)
 *   C·w = μ̂, w = q(y)/p(y)                   (solved as ridge least squares, λ small)
 *   q̂ = w ⊙ p, clipped at 0, rescaled to sum 1
 * </pre>
 * The equation holds because p(x|y) is shared: μ[i] = Σ_j P(f = i | y = j)·q(j) = Σ_j C[i][j]·w[j].
 * It needs C invertible: a classifier better than chance on every class.
 *
 * <pre>{@code
 * LabelShiftEstimate e = LabelShift.estimate(model, sourceValidation, unlabelledTarget);
 * double[] q = e.targetProportions();              // the target's label mix
 * ArrayDataset weighted = e.reweight(sourceTrain); // per-class weights q(y)/p(y)
 * }</pre>
 */
public final class LabelShift {
    /** The ridge λ used unless another is given: negligible against C's entries, enough to keep a singular C solvable. */
    public static final double DEFAULT_RIDGE = 1e-8;

    private LabelShift() {
    }

    /** BBSE from a model's logits (argmax predictions) on source validation data and on target data (labels unused). */
    public static LabelShiftEstimate estimate(Module model, Dataset sourceValidation, Dataset target) {
        if (sourceValidation.numClasses() != target.numClasses()) {
            throw new IllegalArgumentException("LabelShift: the validation set has " + sourceValidation.numClasses()
                    + " classes, the target set " + target.numClasses());
        }
        int[] validationLabels = new int[sourceValidation.size()];
        int[] validationPredictions = predict(model, sourceValidation, validationLabels);
        int[] targetPredictions = predict(model, target, null);
        return estimate(validationLabels, validationPredictions, targetPredictions, sourceValidation.numClasses(), DEFAULT_RIDGE);
    }

    /**
     * BBSE from hard predictions.
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
        if (validationLabels.length == 0 || targetPredictions.length == 0) {
            throw new IllegalArgumentException("LabelShift: the " + (validationLabels.length == 0 ? "validation" : "target")
                    + " set is empty; BBSE needs labelled source validation data and unlabelled target data");
        }
        if (!(ridge >= 0)) {
            throw new IllegalArgumentException("LabelShift: ridge λ must be ≥ 0, got " + ridge);
        }
        double[][] c = new double[numClasses][numClasses];
        double[] p = new double[numClasses];
        double unit = 1.0 / validationLabels.length;
        for (int i = 0; i < validationLabels.length; i++) {
            int y = checkClass(validationLabels[i], numClasses, "validation label", i);
            int yHat = checkClass(validationPredictions[i], numClasses, "validation prediction", i);
            c[yHat][y] += unit;
            p[y] += unit;
        }
        double[] mu = new double[numClasses];
        for (int i = 0; i < targetPredictions.length; i++) {
            mu[checkClass(targetPredictions[i], numClasses, "target prediction", i)] += 1.0 / targetPredictions.length;
        }
        double[] w = SmallLinearSystem.ridge(c, mu, ridge);
        double[] q = new double[numClasses];
        double sum = 0;
        for (int j = 0; j < numClasses; j++) {
            q[j] = Math.max(0, w[j] * p[j]);
            sum += q[j];
        }
        if (!(sum > 0)) {
            throw new ArithmeticException("LabelShift: every estimated target proportion is ≤ 0; the classifier's confusion "
                    + "matrix is too poor (check that it beats chance on each class)");
        }
        double[] classWeights = new double[numClasses];
        for (int j = 0; j < numClasses; j++) {
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

    /** Argmax predictions of a model over a data set (evaluation mode, not recorded); fills labels if asked. */
    static int[] predict(Module model, Dataset data, int[] labelsOut) {
        int[] out = new int[data.size()];
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var scope = Autograd.pause()) {
            int at = 0;
            for (Batch b : DataLoader.sequential(data, 1024)) {
                float[] pred = model.forward(b.features()).argmax(1).toFloatArray();
                float[] labels = labelsOut == null ? null : b.labels().toFloatArray();
                for (int i = 0; i < pred.length; i++) {
                    out[at + i] = (int) pred[i];
                    if (labels != null) {
                        labelsOut[at + i] = (int) labels[i];
                    }
                }
                at += pred.length;
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return out;
    }

    private static int checkClass(int value, int numClasses, String what, int index) {
        if (value < 0 || value >= numClasses) {
            throw new IllegalArgumentException("LabelShift: " + what + " " + value + " at position " + index
                    + " is outside [0, " + numClasses + ")");
        }
        return value;
    }

    /** Logits of a model over a whole data set, (n, k), evaluation mode. */
    static Tensor logits(Module model, Dataset data) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var scope = Autograd.pause()) {
            java.util.List<Tensor> parts = new java.util.ArrayList<>();
            for (Batch b : DataLoader.sequential(data, 1024)) {
                parts.add(model.forward(b.features()));
            }
            return Tensor.concat(0, parts.toArray(new Tensor[0]));
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
    }
}
