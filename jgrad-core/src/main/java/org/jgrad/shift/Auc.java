package org.jgrad.shift;

import java.util.Arrays;

/**
 * Area under the ROC curve from scores and two groups, by the Mann–Whitney statistic: the chance
 * that a random positive scores above a random negative, ties counting one half. Ties get
 * mid-ranks, so equal scores never help either group. 1 means perfect separation, 0.5 none.
 *
 * <pre>{@code
 * double auc = Auc.of(new double[] {0.9, 0.8, 0.3}, new boolean[] {true, false, false}); // 1.0
 * }</pre>
 */
public final class Auc {
    private Auc() {
    }

    /**
     * AUC of {@code scores} (length n) for the examples marked {@code positive} (length n).
     *
     * @throws IllegalArgumentException if the lengths differ, a score is NaN, or a group is empty
     */
    public static double of(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("Auc: " + scores.length + " scores but " + positive.length
                    + " group marks; give one mark per score");
        }
        return fromRanks(midRanks(scores), positive);
    }

    /** AUC with the scores of the two groups given apart: positives should score higher. */
    public static double of(double[] negativeScores, double[] positiveScores) {
        double[] all = new double[negativeScores.length + positiveScores.length];
        boolean[] positive = new boolean[all.length];
        System.arraycopy(negativeScores, 0, all, 0, negativeScores.length);
        System.arraycopy(positiveScores, 0, all, negativeScores.length, positiveScores.length);
        Arrays.fill(positive, negativeScores.length, all.length, true);
        return of(all, positive);
    }

    /**
     * The AUC from precomputed mid-ranks (1-based, as {@link #midRanks} gives): (R₊ − n₊(n₊+1)/2) / (n₊·n₋)
     * with R₊ the rank sum of the positives. Lets a permutation test reuse the ranks of fixed scores.
     */
    static double fromRanks(double[] ranks, boolean[] positive) {
        long nPos = 0;
        double rankSum = 0;
        for (int i = 0; i < ranks.length; i++) {
            if (positive[i]) {
                nPos++;
                rankSum += ranks[i];
            }
        }
        long nNeg = ranks.length - nPos;
        if (nPos == 0 || nNeg == 0) {
            throw new IllegalArgumentException("Auc: needs at least one example in each group, got " + nPos
                    + " positive and " + nNeg + " negative");
        }
        return (rankSum - nPos * (nPos + 1) / 2.0) / ((double) nPos * nNeg);
    }

    /** 1-based ranks of the scores, tied scores sharing the mean of their ranks. */
    static double[] midRanks(double[] scores) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(scores[i])) {
                throw new IllegalArgumentException("Auc: score " + i + " is NaN; the classifier's output is broken");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && scores[order[end]] == scores[order[start]]) {
                end++;
            }
            double mid = (start + 1 + end) / 2.0; // mean of ranks start+1 .. end
            for (int k = start; k < end; k++) {
                ranks[order[k]] = mid;
            }
            start = end;
        }
        return ranks;
    }
}
