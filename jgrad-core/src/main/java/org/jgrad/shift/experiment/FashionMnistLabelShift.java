package org.jgrad.shift.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jgrad.autograd.Autograd;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.Batch;
import org.jgrad.data.DataLoader;
import org.jgrad.data.FashionMnist;
import org.jgrad.nn.Sequential;
import org.jgrad.shift.LabelShift;
import org.jgrad.shift.LabelShiftEstimate;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.Evaluation;

/**
 * Label shift on Fashion-MNIST with known target proportions. The training images are split at
 * random into a set to train an MLP and a labelled source validation set (both with Fashion-MNIST's
 * balanced classes); the target is drawn, without replacement, from the remaining training images
 * and the test images with a chosen label mix q (the images of each class are untouched, so
 * p(x|y) is shared). BBSE then estimates q from the validation confusion matrix and the model's
 * predictions on the unlabelled target; the truth is the target's actual label mix.
 */
public final class FashionMnistLabelShift {
    private FashionMnistLabelShift() {
    }

    /**
     * @param trainSize         images the MLP is trained on
     * @param validationSize    labelled source validation images (the confusion matrix)
     * @param targetSize        target images wanted; fewer if some class runs out (the report says how many)
     * @param targetProportions q, one per class, summing to 1
     * @param hidden            hidden layer sizes of the MLP
     * @param epochs            its training epochs
     * @param soft              BBSE on softmax probabilities rather than argmax predictions
     */
    public record Settings(int trainSize, int validationSize, int targetSize, double[] targetProportions, int[] hidden,
                           int epochs, boolean soft) {
        /** A harsh mix: 60% on the classes the model confuses most (T-shirt, coat, shirt), 2% on some others. */
        public static final double[] SKEWED = {0.20, 0.02, 0.05, 0.08, 0.20, 0.05, 0.20, 0.02, 0.08, 0.10};
        /** Every other class three times as frequent as its neighbour: 0.05, 0.15, 0.05, … */
        public static final double[] ALTERNATING = {0.05, 0.15, 0.05, 0.15, 0.05, 0.15, 0.05, 0.15, 0.05, 0.15};
        /**
         * What the embedded sample (800 images a class) allows: 2500 train, 2500 validation, up to 3000 target images
         * with the {@link #ALTERNATING} mix (the pool holds 300 a class, so 2000 are drawn), MLP 128, 15 epochs, soft.
         */
        public static final Settings SAMPLE = new Settings(2500, 2500, 3000, ALTERNATING, new int[] {128}, 15, true);
        /** For the full data set: 10,000 train, 10,000 validation, 5000 target images with the {@link #SKEWED} mix, MLP 64, 10 epochs, soft. */
        public static final Settings FULL = new Settings(10_000, 10_000, 5000, SKEWED, new int[] {64}, 10, true);
    }

    /**
     * Every figure of one run.
     *
     * @param trueProportions      the target's actual label mix
     * @param estimate             BBSE's estimate (q̂, class weights, confusion matrix, …)
     * @param l1Error              Σ|q̂ − q|
     * @param predictedShareL1     Σ|μ̂ − q| of the naive estimate "share of target predictions per class", for comparison
     * @param sourceValidation     the model on the source validation set
     * @param targetAccuracy       its accuracy on the target as trained
     * @param adjustedAccuracy     … with its logits moved to the estimated label mix (log w added)
     * @param oracleAdjustedAccuracy … moved with the true weights q/p
     */
    public record Report(int targetSize, double[] trueProportions, LabelShiftEstimate estimate, double l1Error,
                         double predictedShareL1, Evaluation.Result sourceValidation, double targetAccuracy,
                         double adjustedAccuracy, double oracleAdjustedAccuracy) {

        public String summary() {
            return String.format(Locale.ROOT, "Fashion-MNIST, label shift (%d target images): BBSE L1 error %.4f "
                            + "(share of predictions: %.4f)%n  true q  %s%n  BBSE q̂ %s%n  accuracy: source validation %.4f, "
                            + "target %.4f, target with estimated prior %.4f, with true prior %.4f",
                    targetSize, l1Error, predictedShareL1, format(trueProportions), format(estimate.targetProportions()),
                    sourceValidation.accuracy(), targetAccuracy, adjustedAccuracy, oracleAdjustedAccuracy);
        }

        private static String format(double[] v) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", v[i]));
            }
            return sb.append(']').toString();
        }
    }

    /** {@link Settings#FULL} on the full data set, {@link Settings#SAMPLE} on the embedded sample. */
    public static Report run(FashionMnist data, long seed) {
        return run(data, seed, data.isSample() ? Settings.SAMPLE : Settings.FULL);
    }

    public static Report run(FashionMnist data, long seed, Settings settings) {
        int k = FashionMnist.NUM_CLASSES;
        if (settings.targetProportions().length != k) {
            throw new IllegalArgumentException("FashionMnistLabelShift: give " + k + " target proportions, got "
                    + settings.targetProportions().length);
        }
        Rng rng = new Rng(seed);
        ArrayDataset train = data.train();
        int used = settings.trainSize() + settings.validationSize();
        if (used > train.size()) {
            throw new IllegalArgumentException("FashionMnistLabelShift: " + settings.trainSize() + " train + "
                    + settings.validationSize() + " validation images are more than the " + train.size() + " training images");
        }
        int[] order = rng.permutation(train.size());
        ArrayDataset modelTrain = train.subset(Arrays.copyOfRange(order, 0, settings.trainSize()));
        ArrayDataset validation = train.subset(Arrays.copyOfRange(order, settings.trainSize(), used));
        ArrayDataset pool = concat(train.subset(Arrays.copyOfRange(order, used, order.length)), data.test());
        ArrayDataset target = drawByClass(pool, settings.targetProportions(), settings.targetSize(), rng);

        Sequential model = Classifiers.train(modelTrain, settings.hidden(), settings.epochs(), 128, 1e-3, rng.nextLong());
        LabelShiftEstimate estimate = LabelShift.estimate(model, validation, target, settings.soft());
        double[] truth = LabelShift.proportions(target);
        double[] trueWeights = new double[k];
        for (int j = 0; j < k; j++) {
            double p = estimate.sourceProportions()[j];
            trueWeights[j] = p > 0 ? truth[j] / p : 0;
        }
        Tensor logits = logits(model, target);
        int[] labels = labels(target);
        LabelShiftEstimate oracle = new LabelShiftEstimate(estimate.confusion(), estimate.sourceProportions(),
                estimate.targetPredictionRates(), trueWeights, truth, trueWeights);
        return new Report(target.size(), truth, estimate, estimate.l1Error(truth), l1(estimate.targetPredictionRates(), truth),
                Classifiers.evaluate(model, validation), accuracy(logits, labels),
                accuracy(estimate.adjustLogits(logits), labels), accuracy(oracle.adjustLogits(logits), labels));
    }

    /** round(n·q_j) examples of each class j, without replacement; n shrinks until every class has enough. */
    private static ArrayDataset drawByClass(ArrayDataset pool, double[] q, int wanted, Rng rng) {
        List<List<Integer>> byClass = new ArrayList<>();
        for (int j = 0; j < q.length; j++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < pool.size(); i++) {
            byClass.get(pool.label(i)).add(i);
        }
        int n = wanted;
        for (int j = 0; j < q.length; j++) {
            if (q[j] > 0) {
                n = Math.min(n, (int) Math.floor(byClass.get(j).size() / q[j]));
            }
        }
        List<Integer> chosen = new ArrayList<>();
        for (int j = 0; j < q.length; j++) {
            List<Integer> members = byClass.get(j);
            int[] perm = rng.permutation(members.size());
            int take = Math.min(members.size(), (int) Math.round(n * q[j]));
            for (int t = 0; t < take; t++) {
                chosen.add(members.get(perm[t]));
            }
        }
        int[] rows = chosen.stream().mapToInt(Integer::intValue).toArray();
        rng.shuffle(rows);
        return pool.subset(rows);
    }

    private static ArrayDataset concat(ArrayDataset a, ArrayDataset b) {
        int[] ia = java.util.stream.IntStream.range(0, a.size()).toArray();
        int[] ib = java.util.stream.IntStream.range(0, b.size()).toArray();
        float[] features = new float[(a.size() + b.size()) * a.featureSize()];
        System.arraycopy(a.features(ia).toFloatArray(), 0, features, 0, a.size() * a.featureSize());
        System.arraycopy(b.features(ib).toFloatArray(), 0, features, a.size() * a.featureSize(), b.size() * b.featureSize());
        int[] labels = new int[a.size() + b.size()];
        for (int i = 0; i < a.size(); i++) {
            labels[i] = a.label(i);
        }
        for (int i = 0; i < b.size(); i++) {
            labels[a.size() + i] = b.label(i);
        }
        return ArrayDataset.of(features, a.featureShape(), labels, a.numClasses());
    }

    private static Tensor logits(Sequential model, ArrayDataset data) {
        model.eval();
        List<Tensor> parts = new ArrayList<>();
        try (var scope = Autograd.pause()) {
            for (Batch b : DataLoader.sequential(data, 1000)) {
                parts.add(model.forward(b.features()));
            }
        }
        return Tensor.concat(0, parts.toArray(new Tensor[0]));
    }

    private static int[] labels(ArrayDataset data) {
        int[] y = new int[data.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = data.label(i);
        }
        return y;
    }

    private static double accuracy(Tensor logits, int[] labels) {
        float[] predicted = logits.argmax(1).toFloatArray();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += (int) predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    private static double l1(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i] - b[i]);
        }
        return s;
    }
}
