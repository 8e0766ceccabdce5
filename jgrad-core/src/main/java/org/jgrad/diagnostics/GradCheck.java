package org.jgrad.diagnostics;

import java.util.Locale;
import java.util.function.Function;
import org.jgrad.autograd.Autograd;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * Compares autograd's gradients with central finite differences, in float64, and reports the
 * worst element. Works on any function of tensors a user writes:
 * <pre>{@code
 * GradCheck.Report r = GradCheck.check("my loss", in -> in[0].matmul(in[1]).tanh().sum(), w, x);
 * r.orThrow();
 * }</pre>
 * A non-scalar output is reduced to a scalar with fixed random weights (seeded), so every output
 * element takes part. Inputs are converted to float64 copies; the originals are not touched.
 */
public final class GradCheck {
    private final double eps;
    private final double atol;
    private final double rtol;
    private final long seed;

    private GradCheck(double eps, double atol, double rtol, long seed) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
        this.seed = seed;
    }

    /** Defaults: step 1e-6, pass when |analytic − numeric| ≤ 1e-6 + 1e-4·|numeric|. */
    public static GradCheck withDefaults() {
        return new GradCheck(1e-6, 1e-6, 1e-4, 42);
    }

    public GradCheck eps(double value) {
        return new GradCheck(value, atol, rtol, seed);
    }

    public GradCheck tolerance(double absolute, double relative) {
        return new GradCheck(eps, absolute, relative, seed);
    }

    public GradCheck seed(long value) {
        return new GradCheck(eps, atol, rtol, value);
    }

    /** Checks with the default settings. */
    public static Report check(String label, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return withDefaults().run(label, f, inputs);
    }

    /** Runs the check: one backward, then two forward passes per input element. */
    public Report run(String label, Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = inputs[i].detach().astype(DType.FLOAT64).copy().attachGrad();
        }
        Tensor y;
        try (var scope = Autograd.record()) {
            y = f.apply(xs);
        }
        if (y.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("GradCheck(" + label + "): the function returned " + y.dtype()
                    + "; keep it in float64 so finite differences are meaningful");
        }
        Tensor weights = Tensor.randomUniform(new Rng(seed), 0.5, 1.5, DType.FLOAT64, y.shape());
        y.backward(weights);
        Report worst = new Report(label, -1, new int[0], 0, 0, 0, true, 0);
        int checked = 0;
        for (int i = 0; i < xs.length; i++) {
            double[] analytic = xs[i].grad().toDoubleArray();
            double[] values = xs[i].storage().doubles();
            for (int j = 0; j < values.length; j++) {
                double original = values[j];
                values[j] = original + eps;
                double plus = weighted(f, xs, weights);
                values[j] = original - eps;
                double minus = weighted(f, xs, weights);
                values[j] = original;
                double numeric = (plus - minus) / (2 * eps);
                double diff = Math.abs(analytic[j] - numeric);
                double rel = diff / Math.max(Math.max(Math.abs(analytic[j]), Math.abs(numeric)), 1e-12);
                boolean ok = diff <= atol + rtol * Math.abs(numeric) || (Double.isNaN(numeric) && Double.isNaN(analytic[j]));
                checked++;
                double excess = diff - (atol + rtol * Math.abs(numeric));
                if (worst.input < 0 || (!ok && worst.passed) || (ok == worst.passed && excess > worst.excess)) {
                    worst = new Report(label, i, unravel(j, xs[i].shape()), analytic[j], numeric, rel, ok, excess);
                }
            }
        }
        return worst.withCount(checked);
    }

    private static double weighted(Function<Tensor[], Tensor> f, Tensor[] xs, Tensor weights) {
        try (var scope = Autograd.pause()) {
            Tensor y = f.apply(xs);
            double s = 0;
            double[] v = y.toDoubleArray();
            double[] w = weights.storage().doubles();
            for (int k = 0; k < v.length; k++) {
                s += v[k] * w[k];
            }
            return s;
        }
    }

    private static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return idx;
    }

    /** The worst element found: which input, where, both values and the relative error. */
    public static final class Report {
        private final String label;
        private final int input;
        private final int[] index;
        private final double analytic;
        private final double numeric;
        private final double relativeError;
        private final boolean passed;
        private final double excess;
        private int checked;

        Report(String label, int input, int[] index, double analytic, double numeric, double relativeError,
               boolean passed, double excess) {
            this.label = label;
            this.input = input;
            this.index = index;
            this.analytic = analytic;
            this.numeric = numeric;
            this.relativeError = relativeError;
            this.passed = passed;
            this.excess = excess;
        }

        Report withCount(int n) {
            this.checked = n;
            return this;
        }

        public boolean passed() {
            return passed;
        }

        public String label() {
            return label;
        }

        /** Which input held the worst element (-1 when no input had elements). */
        public int input() {
            return input;
        }

        public int[] index() {
            return index.clone();
        }

        public double analytic() {
            return analytic;
        }

        public double numeric() {
            return numeric;
        }

        public double relativeError() {
            return relativeError;
        }

        /** Elements compared. */
        public int checked() {
            return checked;
        }

        /** Throws an AssertionError with this report when the check failed; returns this otherwise. */
        public Report orThrow() {
            if (!passed) {
                throw new AssertionError(toString());
            }
            return this;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "GradCheck %s: %s; worst element: input %d at %s, analytic %.10g,"
                    + " numeric %.10g, relative error %.3g (%d elements checked)", label, passed ? "passed" : "FAILED",
                    input, Shapes.toString(index).replace(",)", ")"), analytic, numeric, relativeError, checked);
        }
    }
}
