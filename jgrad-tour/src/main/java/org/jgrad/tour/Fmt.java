package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/** Number formatting and small summaries for the report's tables. */
final class Fmt {
    private Fmt() {
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
    }

    /** name, shape, min, mean, max, std of a tensor: one table row. */
    static List<String> summaryRow(String name, Tensor t) {
        double[] v = t.toDoubleArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
            sum += x;
        }
        double mean = sum / v.length;
        List<String> row = new ArrayList<>();
        row.add(name);
        row.add(Shapes.toString(t.shape()));
        row.add(num(min));
        row.add(num(mean));
        row.add(num(max));
        row.add(num(Math.sqrt(variance(v))));
        return row;
    }

    /** Population variance (divided by n). */
    static double variance(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        double mean = sum / v.length;
        double sq = 0;
        for (double d : v) {
            sq += (d - mean) * (d - mean);
        }
        return sq / v.length;
    }

    static final List<String> SUMMARY_HEADER = List.of("variable", "shape", "min", "mean", "max", "std");

    static double[] range(int from, int to) {
        double[] r = new double[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
