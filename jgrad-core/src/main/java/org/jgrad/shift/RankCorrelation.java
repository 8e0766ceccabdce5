package org.jgrad.shift;

/**
 * Spearman's rank correlation ρ: the Pearson correlation of the two samples' mid-ranks (ties share
 * the mean rank). 1 when one sample is an increasing function of the other, whatever the function:
 * the right yardstick for estimated against true density ratios, whose scales need not agree.
 */
public final class RankCorrelation {
    private RankCorrelation() {
    }

    /** ρ of two equally long samples (at least 2 values each); NaN when either sample is constant. */
    public static double spearman(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("spearman: samples of different lengths, " + a.length + " and " + b.length);
        }
        if (a.length < 2) {
            throw new IllegalArgumentException("spearman: needs at least 2 pairs, got " + a.length);
        }
        return pearson(Auc.midRanks(a), Auc.midRanks(b));
    }

    private static double pearson(double[] x, double[] y) {
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
