package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.autograd.Autograd;
import org.jgrad.data.Batch;
import org.jgrad.data.DataLoader;
import org.jgrad.data.LastBatch;
import org.jgrad.diagnostics.HealthMonitor;
import org.jgrad.init.Constant;
import org.jgrad.init.Initializer;
import org.jgrad.init.Xavier;
import org.jgrad.linalg.Spectra;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.Evaluation;

/** Section 6: identical initial weights keep hidden units identical; random initialization breaks the symmetry. */
final class SymmetrySection implements TourSection {
    private static final int HIDDEN = 64;

    @Override
    public String id() {
        return "symmetry";
    }

    @Override
    public String title() {
        return "6. Symmetry";
    }

    private record Run(String name, int distinctRows, int rank, double[] singular, double accuracy) {
    }

    @Override
    public ReportSection run(TourContext ctx) {
        ReportSection s = new ReportSection(id(), title());
        int steps = ctx.quick() ? 100 : 300;
        s.text(String.format(Locale.ROOT, "If every weight of a layer starts at the same value, every hidden unit computes the"
                + " same function of the input and receives the same gradient, so no number of SGD steps can make them differ:"
                + " the layer behaves like a single unit. Below, a 784-%d-10 tanh MLP trained for %d SGD steps (batch 64,"
                + " learning rate 0.1) from constant weights (0.01 everywhere) and from Xavier's random initialization.", HIDDEN, steps));
        Run constant = train(ctx, "constant 0.01", new Constant(0.01), steps);
        Run random = train(ctx, "Xavier uniform", Xavier.uniform(), steps);
        List<List<String>> rows = new ArrayList<>();
        for (Run r : List.of(constant, random)) {
            rows.add(List.of(r.name(), Integer.toString(r.distinctRows()), Integer.toString(r.rank()),
                    Fmt.num(r.singular()[0]), Fmt.num(r.singular().length > 1 ? r.singular()[1] : 0), Fmt.pct(r.accuracy())));
        }
        s.table(List.of("initialization", "distinct rows of W1", "rank of W1", "σ1", "σ2", "test accuracy"), rows);
        double[] index = Fmt.range(1, HIDDEN + 1);
        s.figure(Charts.figure("symmetry-singular-values", String.format(Locale.ROOT, "Singular values of the trained hidden-layer"
                        + " weights W1 (%d×784), log scale. From constant weights W1 still has rank %d: all %d rows (units) are"
                        + " equal, so one singular value carries everything and the others are rounding noise. From random"
                        + " weights W1 has rank %d.", HIDDEN, constant.rank(), HIDDEN, random.rank()),
                Charts.xy("Singular values of W1 after training", "index", "singular value (log scale)", true,
                        List.of(Charts.Series.points("constant initialization", index, floor(constant.singular())),
                                Charts.Series.points("Xavier initialization", index, floor(random.singular()))))));
        s.number("steps", steps).number("constant_distinct_rows", constant.distinctRows()).number("constant_rank", constant.rank())
                .number("constant_accuracy", constant.accuracy()).number("random_distinct_rows", random.distinctRows())
                .number("random_rank", random.rank()).number("random_accuracy", random.accuracy());
        return s;
    }

    private static double[] floor(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(out[i], 1e-12); // zeros cannot be drawn on a log axis
        }
        return out;
    }

    private static Run train(TourContext ctx, String name, Initializer init, int steps) {
        Sequential net = Mlp.of(10, Activation::tanh, HIDDEN);
        net.initialize(init, ctx.rng("symmetry-init"), false);
        DataLoader loader = new DataLoader(ctx.data.train(), 64, LastBatch.DISCARD, ctx.rng("symmetry-data"));
        Sgd sgd = null;
        int done = 0;
        SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss();
        while (done < steps) {
            for (Batch b : loader) {
                Tensor l;
                try (var scope = Autograd.record()) {
                    l = loss.mean(net.forward(b.features()), b.labels());
                }
                if (sgd == null) {
                    sgd = new Sgd(net.parameterTensors(), 0.1);
                }
                l.backward();
                sgd.step();
                if (++done == steps) {
                    break;
                }
            }
        }
        Tensor w1 = ((Linear) net.get(1)).weight().data();
        double[] sv = Spectra.singularValues(w1.astype(org.jgrad.tensor.DType.FLOAT64));
        int rank = 0;
        for (double v : sv) {
            rank += v > 1e-4 * sv[0] ? 1 : 0;
        }
        double acc = Evaluation.of(net, loss, DataLoader.sequential(ctx.data.test(), 1000)).accuracy();
        return new Run(name, HealthMonitor.distinctRows(w1), rank, sv, acc);
    }
}
