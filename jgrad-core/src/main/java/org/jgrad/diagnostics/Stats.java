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
        return Math.sqrt(org.jgrad.tensor.kernel.KernelProvider.get().sumOfSquares(a, b));
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
