package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.chapter.SeedNetwork;
import org.jgrad.diagnostics.GradCheck;
import org.jgrad.init.Initializer;
import org.jgrad.init.ParamKind;
import org.jgrad.init.Xavier;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/** Section 2: autograd's gradients beside the chapter's hand-derived chain rule, and a finite-difference check. */
final class BackwardSection implements TourSection {
    @Override
    public String id() {
        return "backward";
    }

    @Override
    public String title() {
        return "2. Backward propagation";
    }

    @Override
    public ReportSection run(TourContext ctx) {
        SeedNetwork.Result r = ctx.seedNetwork();
        ReportSection s = new ReportSection(id(), title());
        s.text("Backward propagation walks the graph from J back to the parameters, applying the chain rule at each node."
                + " The chapter derives the result by hand: ∂J/∂W2 = ∂J/∂o·hᵀ + λW2 with ∂J/∂o = softmax(o) − onehot(y);"
                + " ∂J/∂h = W2ᵀ·∂J/∂o; ∂J/∂z = ∂J/∂h ⊙ φ'(z); ∂J/∂W1 = ∂J/∂z·xᵀ + λW1. The table compares autograd's"
                + " gradients with these formulas evaluated directly (float64).");
        double d1 = SeedNetwork.maxAbsDiff(r.dJdW1(), r.handDJdW1());
        double d2 = SeedNetwork.maxAbsDiff(r.dJdW2(), r.handDJdW2());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("∂J/∂W1", Fmt.num(r.dJdW1().norm().item()), Fmt.num(r.handDJdW1().norm().item()), Fmt.num(d1)));
        rows.add(List.of("∂J/∂W2", Fmt.num(r.dJdW2().norm().item()), Fmt.num(r.handDJdW2().norm().item()), Fmt.num(d2)));
        s.table(List.of("gradient", "‖autograd‖", "‖by hand‖", "largest |difference|"), rows);
        List<List<String>> entries = new ArrayList<>();
        double[] a = r.dJdW2().toDoubleArray();
        double[] b = r.handDJdW2().toDoubleArray();
        int cols = r.dJdW2().shape()[1];
        for (int k = 0; k < Math.min(5, a.length / cols); k++) {
            int i = k * cols + firstActive(r.h().toDoubleArray());
            entries.add(List.of(String.format(Locale.ROOT, "∂J/∂W2[%d, %d]", k, i % cols), Fmt.num(a[i]), Fmt.num(b[i])));
        }
        s.table(List.of("entry", "autograd", "chapter's formula"), entries);

        // finite differences on a narrower copy of the same network (every one of its weights is checked)
        Rng rng = ctx.rng(id());
        int hidden = 8;
        Tensor w1 = Tensor.zeros(DType.FLOAT64, hidden, r.x().size());
        Tensor w2 = Tensor.zeros(DType.FLOAT64, r.o().size(), hidden);
        Xavier.gaussian().initialize(new Initializer.Target("W1", ParamKind.WEIGHT), w1, rng);
        Xavier.gaussian().initialize(new Initializer.Target("W2", ParamKind.WEIGHT), w2, rng);
        Tensor x = r.x();
        int y = r.y();
        GradCheck.Report check = GradCheck.check("J(W1, W2)", in -> SeedNetwork.objective(x, y, in[0], in[1], TourContext.LAMBDA), w1, w2);
        s.text(String.format(Locale.ROOT, "GradCheck compares autograd with central finite differences (step 1e-6, float64) for"
                + " all %d weights of the same network with h = %d: %s. Worst element: input %d at %s, analytic %.8g,"
                + " numeric %.8g, relative error %.2e.", check.checked(), hidden, check.passed() ? "passed" : "FAILED",
                check.input(), java.util.Arrays.toString(check.index()), check.analytic(), check.numeric(), check.relativeError()));
        s.number("max_abs_diff_dW1", d1).number("max_abs_diff_dW2", d2).number("gradcheck_passed", check.passed())
                .number("gradcheck_elements", check.checked()).number("gradcheck_worst_relative_error", check.relativeError());
        return s;
    }

    private static int firstActive(double[] h) {
        for (int i = 0; i < h.length; i++) {
            if (h[i] > 0) {
                return i;
            }
        }
        return 0;
    }
}
