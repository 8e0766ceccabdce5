package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.data.FashionMnist;
import org.jgrad.shift.experiment.FashionMnistCovariateShift;
import org.jgrad.shift.experiment.FashionMnistLabelShift;
import org.jgrad.shift.experiment.GaussianCovariateShift;
import org.jgrad.shift.experiment.ShiftExperiments;

/** Section 8: covariate shift detected and corrected by importance weights; label shift estimated by BBSE. */
final class ShiftSection implements TourSection {
    @Override
    public String id() {
        return "shift";
    }

    @Override
    public String title() {
        return "8. Environment and distribution shift";
    }

    @Override
    public ReportSection run(TourContext ctx) {
        ReportSection s = new ReportSection(id(), title());
        long seed = ctx.options.seed() + 8;
        s.text("Under covariate shift the inputs' distribution changes between training (source) and deployment (target)"
                + " while p(y|x) stays the same. The chapter's remedy: train a classifier to tell source from target; it"
                + " gives β(x) = p_target(x)/p_source(x) = (n_s/n_t)·exp(logit), and training with each source example"
                + " weighted by β(x) minimizes the target's risk. The same classifier is a two-sample test: if it cannot beat"
                + " chance (AUC ≈ 0.5) on held-out data, there is no evidence of shift.");
        gaussian(s, seed);
        fashionCovariate(ctx, s, seed);
        labelShift(ctx, s, seed);
        return s;
    }

    private static void gaussian(ReportSection s, long seed) {
        GaussianCovariateShift.Report g = ShiftExperiments.gaussianCovariateShift(seed);
        double[] x = g.sourceX();
        s.text(String.format(Locale.ROOT, "First, data where the truth is known: source x ~ N(%.0f, %.0f²), target x ~"
                        + " N(%.0f, %.1f²), so β(x) has a closed form. %s. The estimated weights follow the true ratio: Spearman"
                        + " ρ = %.3f.", GaussianCovariateShift.SOURCE_MEAN, GaussianCovariateShift.SOURCE_STD,
                GaussianCovariateShift.TARGET_MEAN, GaussianCovariateShift.TARGET_STD, g.test().summary(), g.spearman()));
        s.figure(Charts.figure("shift-gaussian-beta", String.format(Locale.ROOT, "Importance weight of each source example"
                        + " against its x: the closed-form β(x) = p_target(x)/p_source(x) and the estimate β̂(x) from a small"
                        + " MLP domain classifier (log scale). They agree where source data is dense (ρ = %.3f); far in the tails"
                        + " the classifier has few examples to learn from.", g.spearman()),
                Charts.xy("True and estimated importance weights", "source x", "β (log scale)", true,
                        List.of(Charts.Series.points("true β(x)", x, g.trueBeta()), Charts.Series.points("estimated β̂(x)", x, g.estimatedBeta())))));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("unweighted", Fmt.num(g.unweighted().loss()), Fmt.pct(g.unweighted().accuracy())));
        rows.add(List.of("weighted by β̂", Fmt.num(g.weighted().loss()), Fmt.pct(g.weighted().accuracy())));
        rows.add(List.of("weighted by the true β", Fmt.num(g.trueWeighted().loss()), Fmt.pct(g.trueWeighted().accuracy())));
        s.text("A linear classifier trained on the source and judged on the target (the true boundary is not linear, so the"
                + " model must choose where to be right; the weights make it choose the target's region):");
        s.table(List.of("training", "target risk (cross-entropy)", "target accuracy"), rows);
        s.number("gaussian_spearman", g.spearman()).number("gaussian_auc", g.test().auc()).number("gaussian_p_value", g.test().pValue())
                .number("gaussian_ess", g.ess()).number("gaussian_risk_unweighted", g.unweighted().loss())
                .number("gaussian_risk_weighted", g.weighted().loss()).number("gaussian_risk_true_weights", g.trueWeighted().loss());
    }

    private static void fashionCovariate(TourContext ctx, ReportSection s, long seed) {
        FashionMnistCovariateShift.Report f = ShiftExperiments.fashionMnistCovariateShift(ctx.data, seed);
        s.text(String.format(Locale.ROOT, "Fashion-MNIST with a known selection rule: the source keeps images with probability"
                        + " rising as they get darker, the target (drawn from the test set) as they get brighter. %d source and %d"
                        + " target images. Detection: %s. Spearman ρ of β̂ against the true selection ratio: %.3f; effective"
                        + " sample size of the weights %.0f of %d.", f.sourceSize(), f.targetSize(), f.test().summary(),
                f.spearman(), f.ess(), f.sourceSize()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("unweighted model, whole test set", Fmt.pct(f.unshiftedTest().accuracy())));
        rows.add(List.of("unweighted model, test images drawn like the source", Fmt.pct(f.sourceLikeTest().accuracy())));
        rows.add(List.of("unweighted model, shifted target", Fmt.pct(f.unweighted().accuracy())));
        rows.add(List.of("β̂-weighted model, shifted target", Fmt.pct(f.weighted().accuracy())));
        rows.add(List.of("true-β-weighted model, shifted target", Fmt.pct(f.trueWeighted().accuracy())));
        s.table(List.of("model and test data", "accuracy"), rows);
        s.text(String.format(Locale.ROOT, "The shift costs %.1f points of accuracy. Importance weighting changes the target"
                        + " accuracy by %+.1f points here: with a model flexible enough for both regions, reweighting mostly"
                        + " trades variance (fewer effective examples) for a bias the model barely had.",
                100 * (f.sourceLikeTest().accuracy() - f.unweighted().accuracy()),
                100 * (f.weighted().accuracy() - f.unweighted().accuracy())));
        s.figure(Charts.figure("shift-fashion-beta", "Estimated against true importance weight of each source image (log"
                        + " scales): points near the diagonal are weighted as they should be.",
                Charts.xy("Fashion-MNIST: estimated vs true β", "log10 true β", "estimated β (log scale)", true,
                        List.of(Charts.Series.points("source images", log10(f.trueBeta()), f.estimatedBeta())))));
        s.number("fashion_auc", f.test().auc()).number("fashion_p_value", f.test().pValue()).number("fashion_spearman", f.spearman())
                .number("fashion_ess", f.ess()).number("fashion_accuracy_source_like", f.sourceLikeTest().accuracy())
                .number("fashion_accuracy_shifted_unweighted", f.unweighted().accuracy())
                .number("fashion_accuracy_shifted_weighted", f.weighted().accuracy())
                .number("fashion_accuracy_shifted_true_weights", f.trueWeighted().accuracy());
    }

    private static void labelShift(TourContext ctx, ReportSection s, long seed) {
        FashionMnistLabelShift.Report l = ShiftExperiments.fashionMnistLabelShift(ctx.data, seed);
        double[] q = l.trueProportions();
        double[] est = l.estimate().targetProportions();
        s.text(String.format(Locale.ROOT, "Label shift: p(y) changes, p(x|y) stays. Black-box shift estimation uses the"
                        + " classifier's confusion matrix on source validation data and its mean prediction on %d unlabelled"
                        + " target images to solve for the target's label proportions. L1 error of the estimate: %.4f (the"
                        + " naive share of predictions is off by %.4f). Moving the classifier's outputs to the estimated prior"
                        + " changes target accuracy from %.2f%% to %.2f%% (with the true prior: %.2f%%).",
                l.targetSize(), l.l1Error(), l.predictedShareL1(), 100 * l.targetAccuracy(), 100 * l.adjustedAccuracy(),
                100 * l.oracleAdjustedAccuracy()));
        s.figure(Charts.figure("shift-label-proportions", String.format(Locale.ROOT, "The target's true label proportions and"
                        + " BBSE's estimate from unlabelled target images, per class (L1 error %.4f).", l.l1Error()),
                Charts.bars("Label shift: true and estimated target proportions", "class", "proportion", false,
                        FashionMnist.CLASS_NAMES, List.of("true q(y)", "BBSE estimate"), List.of(q, est))));
        s.number("label_shift_l1_error", l.l1Error()).number("label_shift_true", q).number("label_shift_estimate", est)
                .number("label_shift_accuracy", l.targetAccuracy()).number("label_shift_adjusted_accuracy", l.adjustedAccuracy());
    }

    private static double[] log10(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log10(v[i]);
        }
        return out;
    }
}
