package org.jgrad.shift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.jgrad.autograd.Autograd;
import org.jgrad.data.Dataset;
import org.jgrad.init.ParamKind;
import org.jgrad.init.Xavier;
import org.jgrad.loss.L2Penalty;
import org.jgrad.loss.SigmoidBinaryCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Module;
import org.jgrad.nn.Parameter;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * A classifier that tells source examples (label 0) from target examples (label 1), trained with
 * jgrad's own autograd and Adam: logistic regression, or a small tanh MLP, on standardized features
 * (mean and std of the training folds), binary cross-entropy plus λ/2·‖W‖².
 *
 * <p>{@link #crossFit} splits each set into K folds (stratified: every fold holds about n_s/K source
 * and n_t/K target examples), trains K models, each on K−1 folds, and scores every example with the
 * model that did not see it. Held-out scores are what both the two-sample test and importance
 * weights need: scores of examples a model was trained on would overstate the shift.
 *
 * <pre>{@code
 * DomainScores s = DomainClassifier.logistic().withSeed(42).crossFit(sourceX, targetX); // (n_s, d), (n_t, d)
 * double auc = s.auc();
 * }</pre>
 * Immutable; the {@code with…} methods return changed copies. The same seed gives the same scores.
 */
public final class DomainClassifier {
    private final int[] hidden; // empty: logistic regression
    private final int folds;
    private final int epochs;
    private final int batchSize; // 0: full batch
    private final double learningRate;
    private final double l2;
    private final long seed;

    private DomainClassifier(int[] hidden, int folds, int epochs, int batchSize, double learningRate, double l2, long seed) {
        this.hidden = hidden;
        this.folds = folds;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.l2 = l2;
        this.seed = seed;
    }

    /** Logistic regression: 5 folds, 100 full-batch Adam steps at learning rate 0.05, λ = 0.01, seed 0. */
    public static DomainClassifier logistic() {
        return new DomainClassifier(new int[0], 5, 100, 0, 0.05, 0.01, 0);
    }

    /** A tanh MLP with the given hidden sizes (e.g. 32); otherwise as {@link #logistic()} but 300 steps. */
    public static DomainClassifier mlp(int... hiddenSizes) {
        if (hiddenSizes.length == 0) {
            throw new IllegalArgumentException("DomainClassifier.mlp: give at least one hidden size, e.g. mlp(32); "
                    + "for no hidden layer use logistic()");
        }
        for (int h : hiddenSizes) {
            if (h < 1) {
                throw new IllegalArgumentException("DomainClassifier.mlp: hidden sizes must be positive, got "
                        + Arrays.toString(hiddenSizes));
            }
        }
        return new DomainClassifier(hiddenSizes.clone(), 5, 300, 0, 0.05, 0.01, 0);
    }

    /** K, the number of folds (at least 2). */
    public DomainClassifier withFolds(int k) {
        if (k < 2) {
            throw new IllegalArgumentException("DomainClassifier: folds must be at least 2 (one to train, one to score), got " + k);
        }
        return new DomainClassifier(hidden, k, epochs, batchSize, learningRate, l2, seed);
    }

    /** Passes over the training folds; with full batches, the number of Adam steps. */
    public DomainClassifier withEpochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("DomainClassifier: epochs must be at least 1, got " + n);
        }
        return new DomainClassifier(hidden, folds, n, batchSize, learningRate, l2, seed);
    }

    /** Mini-batch size; 0 trains on the whole training folds at each step. */
    public DomainClassifier withBatchSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("DomainClassifier: batch size must be ≥ 0 (0 = full batch), got " + size);
        }
        return new DomainClassifier(hidden, folds, epochs, size, learningRate, l2, seed);
    }

    public DomainClassifier withLearningRate(double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("DomainClassifier: learning rate must be positive, got " + lr);
        }
        return new DomainClassifier(hidden, folds, epochs, batchSize, lr, l2, seed);
    }

    /** λ of the penalty λ/2·‖W‖² on the weights (not biases). */
    public DomainClassifier withL2(double lambda) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("DomainClassifier: L2 λ must be ≥ 0, got " + lambda);
        }
        return new DomainClassifier(hidden, folds, epochs, batchSize, learningRate, lambda, seed);
    }

    /** Seeds the fold split, the initial weights and the mini-batch order. */
    public DomainClassifier withSeed(long s) {
        return new DomainClassifier(hidden, folds, epochs, batchSize, learningRate, l2, s);
    }

    public int folds() {
        return folds;
    }

    /** λ of the L2 penalty. */
    public double l2() {
        return l2;
    }

    public long seed() {
        return seed;
    }

    /**
     * This classifier with the λ, among {@code candidates}, whose cross-fit has the lowest held-out
     * log-loss ({@link DomainScores#heldOutLogLoss()}): a choice that needs no target labels. Costs
     * one cross-fit per candidate.
     */
    public DomainClassifier withL2ChosenFrom(Dataset source, Dataset target, double... candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("withL2ChosenFrom: give at least one λ, e.g. 0.01, 0.1, 1");
        }
        FeatureRows s = FeatureRows.of(source, "source");
        FeatureRows t = FeatureRows.of(target, "target");
        DomainClassifier best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double lambda : candidates) {
            DomainClassifier c = withL2(lambda);
            double loss = c.crossFit(s, t).heldOutLogLoss();
            if (loss < bestLoss) {
                bestLoss = loss;
                best = c;
            }
        }
        return best;
    }

    /** Held-out scores of every example of two data sets (features flattened to one row each). */
    public DomainScores crossFit(Dataset source, Dataset target) {
        return crossFit(FeatureRows.of(source, "source"), FeatureRows.of(target, "target"));
    }

    /** Held-out scores of every row of source (n_s, d) and target (n_t, d). */
    public DomainScores crossFit(Tensor source, Tensor target) {
        return crossFit(FeatureRows.of(source, "source"), FeatureRows.of(target, "target"));
    }

    DomainScores crossFit(FeatureRows source, FeatureRows target) {
        FeatureRows.checkPair(source, target, folds);
        Rng rng = new Rng(seed);
        int[] sourceFolds = assignFolds(source.rows(), rng);
        int[] targetFolds = assignFolds(target.rows(), rng);
        double[] sourceLogits = new double[source.rows()];
        double[] targetLogits = new double[target.rows()];
        for (int k = 0; k < folds; k++) {
            int[] trainS = rowsWhere(sourceFolds, k, false);
            int[] trainT = rowsWhere(targetFolds, k, false);
            Standardizer scaler = Standardizer.fit(source, trainS, target, trainT);
            Module model = train(source.select(trainS, scaler), target.select(trainT, scaler), rng.split());
            int[] testS = rowsWhere(sourceFolds, k, true);
            int[] testT = rowsWhere(targetFolds, k, true);
            scatter(logits(model, source.select(testS, scaler)), testS, sourceLogits);
            scatter(logits(model, target.select(testT, scaler)), testT, targetLogits);
        }
        return new DomainScores(sourceLogits, targetLogits, sourceFolds, targetFolds, folds);
    }

    /** Fold of each of n examples: a random permutation dealt round-robin, so fold sizes differ by at most one. */
    private int[] assignFolds(int n, Rng rng) {
        int[] order = rng.permutation(n);
        int[] fold = new int[n];
        for (int pos = 0; pos < n; pos++) {
            fold[order[pos]] = pos % folds;
        }
        return fold;
    }

    private static int[] rowsWhere(int[] fold, int k, boolean inFold) {
        return IntStream.range(0, fold.length).filter(i -> (fold[i] == k) == inFold).toArray();
    }

    private static void scatter(double[] values, int[] rows, double[] into) {
        for (int i = 0; i < rows.length; i++) {
            into[rows[i]] = values[i];
        }
    }

    /** Fits one model on source rows (label 0) and target rows (label 1). */
    private Module train(Tensor sourceX, Tensor targetX, Rng rng) {
        Tensor x = Tensor.concat(0, sourceX, targetX);
        int n = x.shape()[0];
        float[] y = new float[n];
        Arrays.fill(y, sourceX.shape()[0], n, 1f);
        Tensor labels = Tensor.of(y, n);
        Module model = hidden.length == 0 ? new Linear(1) : Mlp.of(1, Activation::tanh, hidden);
        model.initialize(Xavier.uniform(), rng, false);
        try (var scope = Autograd.pause()) {
            model.forward(x.slice(0, 0, 1)); // settles the deferred input size
        }
        List<Tensor> weights = new ArrayList<>();
        for (Parameter p : model.parameters(ParamKind.WEIGHT)) {
            weights.add(p.data());
        }
        Adam adam = new Adam(model.parameterTensors(), learningRate);
        SigmoidBinaryCrossEntropyLoss loss = new SigmoidBinaryCrossEntropyLoss();
        int batch = batchSize == 0 ? n : Math.min(batchSize, n);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = batch == n ? null : rng.permutation(n);
            for (int from = 0; from < n; from += batch) {
                Tensor xb = x;
                Tensor yb = labels;
                if (order != null) {
                    int[] idx = Arrays.copyOfRange(order, from, Math.min(from + batch, n));
                    xb = x.take(idx, 0);
                    yb = labels.take(idx, 0);
                }
                Tensor objective;
                try (var scope = Autograd.record()) {
                    Tensor out = model.forward(xb).reshape(-1);
                    objective = loss.mean(out, yb);
                    if (l2 > 0) {
                        objective = objective.add(L2Penalty.of(l2, weights));
                    }
                }
                objective.backward();
                adam.step();
            }
        }
        return model;
    }

    private static double[] logits(Module model, Tensor x) {
        if (x.shape()[0] == 0) {
            return new double[0];
        }
        try (var scope = Autograd.pause()) {
            return model.forward(x).reshape(-1).toDoubleArray();
        }
    }

    @Override
    public String toString() {
        String model = hidden.length == 0 ? "logistic regression" : "tanh MLP " + Arrays.toString(hidden);
        return String.format(Locale.ROOT, "%s, %d folds, %d epochs%s, Adam lr %s, L2 %s, seed %d", model, folds, epochs,
                batchSize == 0 ? " (full batch)" : " of batch " + batchSize, learningRate, l2, seed);
    }
}
