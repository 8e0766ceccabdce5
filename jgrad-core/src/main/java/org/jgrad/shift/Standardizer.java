package org.jgrad.shift;

/**
 * Per-feature centring and scaling, (x − mean) / std, with mean and std measured on the training
 * rows only, so held-out rows are scaled as new data would be. A feature that does not vary
 * (std below 1e-6, e.g. an always-black border pixel) is only centred.
 */
final class Standardizer {
    private final float[] mean;
    private final float[] invStd;

    private Standardizer(float[] mean, float[] invStd) {
        this.mean = mean;
        this.invStd = invStd;
    }

    /** Measures mean and std of each feature over the given rows of both sets. */
    static Standardizer fit(FeatureRows a, int[] rowsA, FeatureRows b, int[] rowsB) {
        int d = a.columns();
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        accumulate(a, rowsA, sum, sumSq);
        accumulate(b, rowsB, sum, sumSq);
        int n = rowsA.length + rowsB.length;
        float[] mean = new float[d];
        float[] invStd = new float[d];
        for (int j = 0; j < d; j++) {
            double m = sum[j] / n;
            double var = Math.max(0, sumSq[j] / n - m * m);
            double std = Math.sqrt(var);
            mean[j] = (float) m;
            invStd[j] = std < 1e-6 ? 1f : (float) (1 / std);
        }
        return new Standardizer(mean, invStd);
    }

    private static void accumulate(FeatureRows x, int[] rows, double[] sum, double[] sumSq) {
        int d = x.columns();
        float[] v = x.values();
        for (int r : rows) {
            int base = r * d;
            for (int j = 0; j < d; j++) {
                double value = v[base + j];
                sum[j] += value;
                sumSq[j] += value * value;
            }
        }
    }

    /** Standardizes rows of d values stored one after another. */
    void applyInPlace(float[] rows) {
        int d = mean.length;
        for (int i = 0; i < rows.length; i++) {
            int j = i % d;
            rows[i] = (rows[i] - mean[j]) * invStd[j];
        }
    }
}
