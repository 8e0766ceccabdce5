package org.jgrad.diagnostics;

import org.jgrad.tensor.kernel.KernelProvider;
import org.jgrad.tensor.kernel.Kernels;
import org.jgrad.tensor.kernel.ReduceOp;
import org.jgrad.tensor.kernel.Storage;

/** One-pass statistics over storages, with a plain float loop for float32 (the monitor runs them every step). */
final class Stats {
    private Stats() {
    }

    /** {Σx, Σx²}, with the kernels' vectorized sum and sum of squares. */
    static double[] sumAndSquares(Storage s) {
        Kernels k = KernelProvider.get();
        Storage sum = Storage.allocate(s.dtype(), 1);
        k.reduce(ReduceOp.SUM, s, 1, s.length(), 1, sum);
        return new double[] {sum.get(0), k.sumOfSquares(s, null)};
    }

    /** ‖a − b‖ (‖a‖ when b is null); a and b have the same dtype and length. */
    static double norm(Storage a, Storage b) {
        return Math.sqrt(KernelProvider.get().sumOfSquares(a, b));
    }

    /** Fraction of columns of a row-major (rows, cols) array with no positive value. */
    static double deadColumnFraction(Storage s, int cols) {
        boolean[] alive = new boolean[cols];
        int n = s.length();
        if (s.isFloat()) {
            float[] v = s.floats();
            for (int r = 0; r < n; r += cols) {
                for (int c = 0; c < cols; c++) {
                    alive[c] |= v[r + c] > 0;
                }
            }
        } else {
            for (int i = 0, c = 0; i < n; i++, c = c + 1 == cols ? 0 : c + 1) {
                alive[c] |= s.get(i) > 0;
            }
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
