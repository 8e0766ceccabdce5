package org.jgrad.shift.experiment;

import java.util.Locale;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.FashionMnist;
import org.jgrad.nn.Sequential;
import org.jgrad.shift.DomainClassifier;
import org.jgrad.shift.DomainScores;
import org.jgrad.shift.ImportanceWeights;
import org.jgrad.shift.RankCorrelation;
import org.jgrad.shift.ShiftDetector;
import org.jgrad.shift.ShiftTestResult;
import org.jgrad.shift.WeightOptions;
import org.jgrad.tensor.Rng;
import org.jgrad.train.Evaluation;

/**
 * Covariate shift on Fashion-MNIST by a known selection rule on brightness. With z(x) the image's
 * mean pixel, standardized over the training images, the source keeps each training image with
 * probability σ(−a·z) (darker images) and the target keeps each test image with probability σ(a·z)
 * (brighter ones). p(y|x) is untouched, and the true ratio is
 * β(x) = σ(a·z)/σ(−a·z) · Z_s/Z_t = exp(a·z) · Z_s/Z_t, with Z_s, Z_t the mean keep probabilities.
 *
 * <p>The run: a two-sample test (source against unlabelled target); β̂ from a logistic domain
 * classifier on the pixels; an MLP trained on the source without weights, with β̂ and with the
 * true β; accuracies on the unshifted test set, on test images drawn by the source's rule
 * (in distribution) and on the target.
 */
public final class FashionMnistCovariateShift {
    private FashionMnistCovariateShift() {
    }

    /**
     * How strong the shift is and how much is trained.
     *
     * @param selectionStrength a in the keep probabilities σ(∓a·z)
     * @param maxSourceSize     at most this many selected training images are used (the full data set selects ~30,000)
     * @param hidden            hidden layer sizes of the MLP
     * @param epochs            training epochs of each MLP
     * @param l2Candidates      the L2 λs of the logistic domain classifier; the one with the lowest held-out log-loss is used
     * @param weightOptions     clipping and normalization of β̂ and of the true β
     */
    public record Settings(double selectionStrength, int maxSourceSize, int[] hidden, int epochs, double[] l2Candidates,
                           WeightOptions weightOptions) {
        /**
         * a = 1.5, at most 10,000 source images, one hidden layer of 64, 20 epochs, λ from {0.01, 0.1, 1},
         * weights clipped at 5 (at 10 or 20 the weighted models lost a point or two on the sample: ESS fell to 20%).
         */
        public static final Settings DEFAULT = new Settings(1.5, 10_000, new int[] {64}, 20, new double[] {0.01, 0.1, 1},
                new WeightOptions(5, true));
    }

    /**
     * Every figure of one run.
     *
     * @param trueBeta        the true β of each source example (mean over the base population 1 for the target's rule)
     * @param estimatedBeta   β̂ from the domain classifier, before clipping and normalization
     * @param sourceBrightness z of each source example, for plots
     * @param test            the two-sample test
     * @param domainL2        the λ chosen for the domain classifier
     * @param spearman        Spearman ρ of β̂ against β
     * @param ess             effective sample size of the β̂ training weights
     * @param trueEss         effective sample size of the true-β training weights
     * @param unshiftedTest   the unweighted model on the whole test set
     * @param sourceLikeTest  the unweighted model on test images drawn by the source's rule
     * @param unweighted      the unweighted model on the target
     * @param weighted        the β̂-weighted model on the target
     * @param trueWeighted    the β-weighted model on the target
     */
    public record Report(int sourceSize, int targetSize, double[] trueBeta, double[] estimatedBeta, double[] sourceBrightness,
                         ShiftTestResult test, double domainL2, double spearman, double ess, double trueEss, Evaluation.Result unshiftedTest,
                         Evaluation.Result sourceLikeTest, Evaluation.Result unweighted, Evaluation.Result weighted,
                         Evaluation.Result trueWeighted) {

        public String summary() {
            return String.format(Locale.ROOT, "Fashion-MNIST, brightness selection (%d source, %d target): %s%n"
                            + "  β̂ (logistic, λ %s) vs β: Spearman ρ %.3f; ESS %.0f (true β: %.0f) of %d%n"
                            + "  accuracy: unshifted test %.4f, source-like test %.4f; target unweighted %.4f, weighted β̂ %.4f, "
                            + "true β %.4f",
                    sourceSize, targetSize, test.summary(), domainL2, spearman, ess, trueEss, sourceSize, unshiftedTest.accuracy(),
                    sourceLikeTest.accuracy(), unweighted.accuracy(), weighted.accuracy(), trueWeighted.accuracy());
        }
    }

    public static Report run(FashionMnist data, long seed) {
        return run(data, seed, Settings.DEFAULT);
    }

    public static Report run(FashionMnist data, long seed, Settings settings) {
        Rng rng = new Rng(seed);
        double a = settings.selectionStrength();
        double[] trainZ = Selection.brightness(data.train());
        double[] testZ = Selection.brightness(data.test());
        double mean = Selection.mean(trainZ);
        double std = Selection.std(trainZ);
        standardize(trainZ, mean, std);
        standardize(testZ, mean, std);
        double[] keepSource = keep(trainZ, -a);
        double[] keepTarget = keep(testZ, a);
        double zSource = Selection.mean(keepSource);
        double zTarget = Selection.mean(keepTarget);

        int[] sourceRows = Selection.atMost(Selection.bernoulli(keepSource, rng), settings.maxSourceSize(), rng);
        int[] targetRows = Selection.bernoulli(keepTarget, rng);
        int[] sourceLikeRows = Selection.bernoulli(keep(testZ, -a), rng);
        ArrayDataset source = data.train().subset(sourceRows);
        ArrayDataset target = data.test().subset(targetRows);

        ShiftTestResult test = new ShiftDetector(DomainClassifier.logistic().withFolds(2).withSeed(rng.nextLong()), 200, 0.05)
                .test(source, target, rng);
        DomainClassifier domain = DomainClassifier.logistic().withSeed(rng.nextLong())
                .withL2ChosenFrom(source, target, settings.l2Candidates());
        DomainScores scores = domain.crossFit(source, target);
        ImportanceWeights estimated = ImportanceWeights.from(scores, settings.weightOptions());
        double[] trueBeta = new double[sourceRows.length];
        double[] z = new double[sourceRows.length];
        for (int i = 0; i < trueBeta.length; i++) {
            z[i] = trainZ[sourceRows[i]];
            trueBeta[i] = Math.exp(a * z[i]) * zSource / zTarget;
        }
        ImportanceWeights exact = ImportanceWeights.of(trueBeta, settings.weightOptions());

        long modelSeed = rng.nextLong();
        Sequential plain = mlp(source, settings, modelSeed);
        Sequential reweighted = mlp(source.withWeights(estimated.toFloatArray()), settings, modelSeed);
        Sequential oracle = mlp(source.withWeights(exact.toFloatArray()), settings, modelSeed);
        return new Report(sourceRows.length, targetRows.length, trueBeta, estimated.raw(), z, test, domain.l2(),
                RankCorrelation.spearman(estimated.raw(), trueBeta), estimated.effectiveSampleSize(), exact.effectiveSampleSize(),
                Classifiers.evaluate(plain, data.test()), Classifiers.evaluate(plain, data.test().subset(sourceLikeRows)),
                Classifiers.evaluate(plain, target), Classifiers.evaluate(reweighted, target),
                Classifiers.evaluate(oracle, target));
    }

    private static void standardize(double[] v, double mean, double std) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (v[i] - mean) / std;
        }
    }

    private static double[] keep(double[] z, double slope) {
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Selection.sigmoid(slope * z[i]);
        }
        return p;
    }

    private static Sequential mlp(ArrayDataset data, Settings settings, long seed) {
        return Classifiers.train(data, settings.hidden(), settings.epochs(), 128, 1e-3, seed);
    }
}
