package org.jgrad.shift.experiment;

import java.util.Arrays;
import org.jgrad.data.ArrayDataset;
import org.jgrad.tensor.Rng;

/** Drawing subsets by a known rule, so that the density ratio between them is known too. */
final class Selection {
    private Selection() {
    }

    /** Keeps example i with probability keep[i], independently; returns the kept positions in order. */
    static int[] bernoulli(double[] keep, Rng rng) {
        int[] kept = new int[keep.length];
        int n = 0;
        for (int i = 0; i < keep.length; i++) {
            if (rng.nextDouble() < keep[i]) {
                kept[n++] = i;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    /** At most {@code max} of the positions, chosen at random, kept in their original order. */
    static int[] atMost(int[] positions, int max, Rng rng) {
        if (positions.length <= max) {
            return positions;
        }
        int[] order = rng.permutation(positions.length);
        int[] chosen = new int[max];
        for (int i = 0; i < max; i++) {
            chosen[i] = positions[order[i]];
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** Mean pixel value of every example: how bright each image is. */
    static double[] brightness(ArrayDataset images) {
        double[] b = new double[images.size()];
        int d = images.featureSize();
        int chunk = 2048;
        for (int from = 0; from < b.length; from += chunk) {
            int[] idx = new int[Math.min(chunk, b.length - from)];
            for (int k = 0; k < idx.length; k++) {
                idx[k] = from + k;
            }
            float[] v = images.features(idx).toFloatArray();
            for (int k = 0; k < idx.length; k++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += v[k * d + j];
                }
                b[from + k] = s / d;
            }
        }
        return b;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / v.length);
    }

    static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }
}
