package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.chapter.SeedNetwork;
import org.jgrad.data.FashionMnist;
import org.jgrad.diagnostics.GraphExport;
import org.jgrad.diagnostics.MemoryReport;

/** Section 1: the chapter's network, forward, on one real image, and the graph autograd recorded. */
final class ForwardSection implements TourSection {
    @Override
    public String id() {
        return "forward";
    }

    @Override
    public String title() {
        return "1. Forward propagation";
    }

    @Override
    public ReportSection run(TourContext ctx) {
        SeedNetwork.Result r = ctx.seedNetwork();
        ReportSection s = new ReportSection(id(), title());
        s.text(String.format(Locale.ROOT, "The chapter's network takes one example x ∈ R^d and computes z = W1·x, h = φ(z) with"
                + " φ = ReLU, o = W2·h, the loss L = l(o, y) (softmax cross-entropy), the penalty s = λ/2(‖W1‖²_F + ‖W2‖²_F)"
                + " and the objective J = L + s. Here x is the first Fashion-MNIST test image (d = %d pixels scaled to"
                + " [0, 1]), its label y = %d (%s), h = %d hidden units, q = %d classes, λ = %s; W1 and W2 are drawn from"
                + " Xavier's Gaussian. jgrad recorded every operation of this forward pass as a node of the graph below.",
                r.x().size(), r.y(), FashionMnist.className(r.y()), r.h().size(), r.o().size(), TourContext.LAMBDA));
        List<List<String>> rows = new ArrayList<>();
        rows.add(Fmt.summaryRow("x", r.x()));
        rows.add(Fmt.summaryRow("W1", r.W1()));
        rows.add(Fmt.summaryRow("z = W1·x", r.z()));
        rows.add(Fmt.summaryRow("h = relu(z)", r.h()));
        rows.add(Fmt.summaryRow("W2", r.W2()));
        rows.add(Fmt.summaryRow("o = W2·h", r.o()));
        rows.add(Fmt.summaryRow("L", r.L()));
        rows.add(Fmt.summaryRow("s", r.s()));
        rows.add(Fmt.summaryRow("J = L + s", r.J()));
        s.table(Fmt.SUMMARY_HEADER, rows);
        double[] p = r.o().softmax(0).toDoubleArray();
        int predicted = (int) r.o().argmax().item();
        s.text(String.format(Locale.ROOT, "With random weights the network gives the true class probability %.3f and predicts"
                + " class %d (%s); L = %.4f, s = %.4f, J = %.4f.", p[r.y()], predicted, FashionMnist.className(predicted),
                r.L().item(), r.s().item(), r.J().item()));
        s.number("d", r.x().size()).number("h", r.h().size()).number("q", r.o().size()).number("lambda", TourContext.LAMBDA)
                .number("label", r.y()).number("L", r.L().item()).number("s", r.s().item()).number("J", r.J().item())
                .number("true_class_probability", p[r.y()]).number("active_hidden_units", countPositive(r.h().toDoubleArray()));
        GraphExport graph = GraphExport.of(r.J()).collapseUnnamed(true);
        MemoryReport mem = MemoryReport.of(r.J());
        s.number("retained_activation_bytes", mem.activationBytes());
        String caption = "The computational graph of the forward pass, as jgrad recorded it: ellipses are tensors (name,"
                + " shape, dtype; filled ones are parameters that require a gradient), boxes are the operations between named"
                + " tensors, each with the bytes it keeps for backward. Read it left to right as the chapter draws it:"
                + " x and W1 give z, then h, then with W2 the output o and the loss L; W1 and W2 also give the penalty s;"
                + " L and s give J.";
        if (GraphExport.isGraphvizAvailable()) {
            s.figure(new Figure("computational-graph", "The computational graph of J", caption, graph.toSvg(), graph.toPng()));
        } else {
            s.text("Graphviz is not installed (apt-get install graphviz), so the graph is shown as DOT text.");
            s.pre(graph.toDot());
        }
        s.pre(mem.toString());
        return s;
    }

    private static int countPositive(double[] v) {
        int n = 0;
        for (double x : v) {
            n += x > 0 ? 1 : 0;
        }
        return n;
    }
}
