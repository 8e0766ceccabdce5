package org.jgrad.diagnostics;

import org.jgrad.tensor.kernel.Storage;

/** One-pass statistics over storages, with a plain float loop for float32 (the monitor runs them every step). */
final class Stats {
    private Stats() {
    }

    /** {Σx, Σx²}. */
    static double[] sumAndSquares(Storage s) {
        double sum = 0;
        double sq = 0;
        if (s.isFloat()) {
            float[] x = s.floats();
            double a0 = 0;
            double a1 = 0;
            int i = 0;
            for (; i + 1 < x.length; i += 2) {
                sum += x[i];
                a0 += (double) x[i] * x[i];
                sq += x[i + 1];
                a1 += (double) x[i + 1] * x[i + 1];
            }
            for (; i < x.length; i++) {
                sum += x[i];
                a0 += (double) x[i] * x[i];
            }
            return new double[] {sum + sq, a0 + a1};
        } else {
            for (double v : s.doubles()) {
                sum += v;
                sq += v * v;
            }
        }
        return new double[] {sum, sq};
    }

    /** ‖a − b‖ (‖a‖ when b is null); a and b have the same dtype and length. */
    static double norm(Storage a, Storage b) {
        if (a.isFloat()) {
            return Math.sqrt(b == null ? sumSquares(a.floats()) : sumSquaredDiff(a.floats(), b.floats()));
        }
        double[] x = a.doubles();
        double[] y = b == null ? null : b.doubles();
        double sq = 0;
        for (int i = 0; i < x.length; i++) {
            double d = y == null ? x[i] : x[i] - y[i];
            sq += d * d;
        }
        return Math.sqrt(sq);
    }

    // four independent sums: one running sum is a chain of dependent adds, four times slower

    private static double sumSquares(float[] x) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            s0 += (double) x[i] * x[i];
            s1 += (double) x[i + 1] * x[i + 1];
            s2 += (double) x[i + 2] * x[i + 2];
            s3 += (double) x[i + 3] * x[i + 3];
        }
        for (; i < x.length; i++) {
            s0 += (double) x[i] * x[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static double sumSquaredDiff(float[] x, float[] y) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < x.length; i += 4) {
            double d0 = x[i] - y[i];
            double d1 = x[i + 1] - y[i + 1];
            double d2 = x[i + 2] - y[i + 2];
            double d3 = x[i + 3] - y[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < x.length; i++) {
            double d = x[i] - y[i];
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Fraction of columns of a row-major (rows, cols) array with no positive value. */
    static double deadColumnFraction(Storage s, int cols) {
        boolean[] alive = new boolean[cols];
        int n = s.length();
        for (int i = 0, c = 0; i < n; i++, c = c + 1 == cols ? 0 : c + 1) {
            alive[c] |= s.get(i) > 0;
        }
        int dead = 0;
        for (boolean a : alive) {
            dead += a ? 0 : 1;
        }
        return (double) dead / cols;
    }

    /** How many values have |x| &gt; limit. */
    static int countAbove(Storage s, double limit) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            count += Math.abs(s.get(i)) > limit ? 1 : 0;
        }
        return count;
    }
}
