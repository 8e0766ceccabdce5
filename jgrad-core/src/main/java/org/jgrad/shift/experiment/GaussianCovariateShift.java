package org.jgrad.shift.experiment;

import java.util.Locale;
import org.jgrad.data.ArrayDataset;
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
 * Covariate shift where the truth is known in closed form. x is one number: source x ~ N(0, 1),
 * target x ~ N(1, 0.6²), so β(x) = N(x; 1, 0.6²) / N(x; 0, 1) exactly. Labels follow the same
 * p(y = 1 | x) = σ(5·(x² − 1)) in both: class 1 far from 0. The model is linear in x, which cannot
 * draw that boundary (misspecified), so which x it fits best depends on the training distribution —
 * the case where importance weighting pays. Fitted three ways on the same labelled source data:
 * unweighted, weighted by β̂ from a domain classifier, weighted by the true β; judged by the
 * cross-entropy risk and accuracy on a large labelled target sample.
 */
public final class GaussianCovariateShift {
    public static final double SOURCE_MEAN = 0;
    public static final double SOURCE_STD = 1;
    public static final double TARGET_MEAN = 1;
    public static final double TARGET_STD = 0.6;

    private GaussianCovariateShift() {
    }

    /**
     * Every figure of one run; per-source-example arrays for a scatter of estimated against true β.
     *
     * @param sourceX          the labelled source inputs, length n_s
     * @param trueBeta         β(x) in closed form for each source input
     * @param estimatedBeta    β̂ from the MLP domain classifier (before clipping and normalization)
     * @param logisticBeta     β̂ from a logistic domain classifier, for comparison (its log β̂ is linear in x, the true one quadratic)
     * @param test             the two-sample test of source against unlabelled target inputs
     * @param spearman         Spearman ρ of estimatedBeta against trueBeta
     * @param spearmanLogistic Spearman ρ of logisticBeta against trueBeta
     * @param ess              effective sample size of the training weights (β̂ clipped at 10, mean 1)
     * @param unweighted       target risk and accuracy of the model trained without weights
     * @param weighted         … with the estimated weights
     * @param trueWeighted     … with the true weights (mean 1)
     */
    public record Report(double[] sourceX, double[] trueBeta, double[] estimatedBeta, double[] logisticBeta,
                         ShiftTestResult test, double spearman, double spearmanLogistic, double ess,
                         Evaluation.Result unweighted, Evaluation.Result weighted, Evaluation.Result trueWeighted) {

        public String summary() {
            return String.format(Locale.ROOT, "two Gaussians: %s%n  β̂ vs β: Spearman ρ %.3f (MLP), %.3f (logistic); ESS %.0f of %d"
                            + "%n  target risk (cross-entropy) / accuracy: unweighted %.4f / %.3f, weighted β̂ %.4f / %.3f, "
                            + "true β %.4f / %.3f",
                    test.summary(), spearman, spearmanLogistic, ess, sourceX.length, unweighted.loss(), unweighted.accuracy(),
                    weighted.loss(), weighted.accuracy(), trueWeighted.loss(), trueWeighted.accuracy());
        }
    }

    /** 1000 labelled source, 1000 unlabelled target and 10,000 labelled target examples for the risk. */
    public static Report run(long seed) {
        return run(seed, 1000, 1000, 10_000);
    }

    public static Report run(long seed, int sourceSize, int targetSize, int targetTestSize) {
        Rng rng = new Rng(seed);
        ArrayDataset source = draw(rng, sourceSize, SOURCE_MEAN, SOURCE_STD);
        ArrayDataset target = draw(rng, targetSize, TARGET_MEAN, TARGET_STD); // its labels are not used
        ArrayDataset targetTest = draw(rng, targetTestSize, TARGET_MEAN, TARGET_STD);

        ShiftTestResult test = new ShiftDetector(DomainClassifier.logistic().withFolds(2).withSeed(rng.nextLong()), 200, 0.05)
                .test(source, target, rng);
        DomainScores mlpScores = DomainClassifier.mlp(16).withSeed(rng.nextLong()).crossFit(source, target);
        DomainScores logisticScores = DomainClassifier.logistic().withSeed(rng.nextLong()).crossFit(source, target);
        ImportanceWeights estimated = ImportanceWeights.from(mlpScores, WeightOptions.DEFAULT);
        double[] estimatedBeta = estimated.raw();
        double[] logisticBeta = ImportanceWeights.from(logisticScores, WeightOptions.RAW).raw();

        double[] x = new double[sourceSize];
        double[] trueBeta = new double[sourceSize];
        for (int i = 0; i < sourceSize; i++) {
            x[i] = source.features(new int[] {i}).item();
            trueBeta[i] = trueRatio(x[i]);
        }
        ImportanceWeights exact = ImportanceWeights.of(trueBeta, new WeightOptions(Double.POSITIVE_INFINITY, true));

        long modelSeed = rng.nextLong();
        Sequential plain = linearModel(source, modelSeed);
        Sequential reweighted = linearModel(source.withWeights(estimated.toFloatArray()), modelSeed);
        Sequential oracle = linearModel(source.withWeights(exact.toFloatArray()), modelSeed);
        return new Report(x, trueBeta, estimatedBeta, logisticBeta, test,
                RankCorrelation.spearman(estimatedBeta, trueBeta), RankCorrelation.spearman(logisticBeta, trueBeta),
                estimated.effectiveSampleSize(), Classifiers.evaluate(plain, targetTest),
                Classifiers.evaluate(reweighted, targetTest), Classifiers.evaluate(oracle, targetTest));
    }

    /** β(x) = N(x; 1, 0.6²) / N(x; 0, 1). */
    public static double trueRatio(double x) {
        return normalDensity(x, TARGET_MEAN, TARGET_STD) / normalDensity(x, SOURCE_MEAN, SOURCE_STD);
    }

    /** p(y = 1 | x) = σ(5·(x² − 1)), the same in source and target. */
    public static double probabilityOfClassOne(double x) {
        return 1 / (1 + Math.exp(-5 * (x * x - 1)));
    }

    private static double normalDensity(double x, double mean, double std) {
        double z = (x - mean) / std;
        return Math.exp(-0.5 * z * z) / (std * Math.sqrt(2 * Math.PI));
    }

    private static ArrayDataset draw(Rng rng, int n, double mean, double std) {
        float[] x = new float[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (mean + std * rng.nextGaussian());
            y[i] = rng.nextDouble() < probabilityOfClassOne(x[i]) ? 1 : 0;
        }
        return ArrayDataset.of(x, new int[] {1}, y, 2);
    }

    private static Sequential linearModel(ArrayDataset data, long seed) {
        return Classifiers.train(data, new int[0], 30, 100, 0.05, seed);
    }
}
