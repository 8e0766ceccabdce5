package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.autograd.Autograd;
import org.jgrad.data.DataLoader;
import org.jgrad.data.LastBatch;
import org.jgrad.init.Initializer;
import org.jgrad.init.Normal;
import org.jgrad.init.Uniform;
import org.jgrad.init.Xavier;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.EpochResult;
import org.jgrad.train.History;
import org.jgrad.train.Trainer;

/**
 * Section 7: MXNet's default Uniform(0.07), Normal(0.01), Xavier uniform and Xavier Gaussian on a
 * deep tanh MLP: per-layer activation and gradient variance at initialization, then short training runs.
 */
final class InitializationSection implements TourSection {
    private static final int DEPTH = 8;
    private static final int WIDTH = 256;

    @Override
    public String id() {
        return "initialization";
    }

    @Override
    public String title() {
        return "7. Initialization";
    }

    private record Choice(String name, Initializer init) {
    }

    private static List<Choice> choices() {
        return List.of(new Choice("Uniform(0.07) (MXNet default)", new Uniform(0.07)), new Choice("Normal(0.01)", new Normal(0.01)),
                new Choice("Xavier uniform", Xavier.uniform()), new Choice("Xavier Gaussian", Xavier.gaussian()));
    }

    private static Sequential net() {
        int[] hidden = new int[DEPTH];
        java.util.Arrays.fill(hidden, WIDTH);
        return Mlp.of(10, Activation::tanh, hidden);
    }

    @Override
    public ReportSection run(TourContext ctx) {
        ReportSection s = new ReportSection(id(), title());
        s.text(String.format(Locale.ROOT, "The chapter's argument: with weights of variance σ², a layer with n_in inputs"
                + " multiplies the variance of its output by n_in·σ², and backward multiplies the gradient's variance by"
                + " n_out·σ². Xavier initialization picks σ² = 2/(n_in + n_out) to keep both near 1. Here a %d-hidden-layer"
                + " MLP (%d tanh units each) on a batch of 256 Fashion-MNIST images, at initialization, for MXNet's default"
                + " Uniform(−0.07, 0.07), Normal(0, 0.01²) and both forms of Xavier.", DEPTH, WIDTH));
        int[] idx = java.util.stream.IntStream.range(0, 256).toArray();
        Tensor x = ctx.data.train().features(idx);
        Tensor y = ctx.data.train().labels(idx);
        List<Charts.Series> actSeries = new ArrayList<>();
        List<String> actDrop = new ArrayList<>();
        List<String> gradDrop = new ArrayList<>();
        List<Charts.Series> gradSeries = new ArrayList<>();
        double[] layers = Fmt.range(1, DEPTH + 1);
        double[] layersAll = Fmt.range(1, DEPTH + 2);
        for (Choice c : choices()) {
            Sequential net = net();
            net.initialize(c.init(), ctx.rng("init-" + c.name()), false);
            List<Double> actVar = new ArrayList<>();
            List<Runnable> hooks = new ArrayList<>();
            for (Module m : net.layers()) {
                if (m instanceof Activation) {
                    hooks.add(m.registerForwardHook((mod, in, out) -> actVar.add(variance(out))));
                }
            }
            Tensor loss;
            try (var scope = Autograd.record()) {
                loss = new SoftmaxCrossEntropyLoss().mean(net.forward(x), y);
            }
            loss.backward();
            hooks.forEach(Runnable::run);
            List<Double> gradVar = new ArrayList<>();
            for (Module m : net.layers()) {
                if (m instanceof Linear l) {
                    gradVar.add(variance(l.weight().grad()));
                }
            }
            double[] a = actVar.stream().mapToDouble(Double::doubleValue).toArray();
            double[] g = gradVar.stream().mapToDouble(v -> Math.max(v, 1e-30)).toArray();
            actSeries.add(Charts.Series.line(c.name(), layers, a));
            actDrop.add(String.format(Locale.ROOT, "%s ×%.2g", c.name(), a[a.length - 1] / a[0]));
            gradDrop.add(String.format(Locale.ROOT, "%s ×%.2g", c.name(), g[0] / g[g.length - 1]));
            gradSeries.add(Charts.Series.line(c.name(), layersAll, g));
            s.number(key(c) + "_activation_variance", a).number(key(c) + "_gradient_variance", g);
        }
        s.figure(Charts.figure("init-activation-variance", "Variance of each hidden layer's output at initialization (log scale)."
                + " With the small fixed scales the signal shrinks by a constant factor per layer; Xavier keeps it within a small"
                + " factor of the first layer's. Last layer over first: " + String.join(", ", actDrop) + ".",
                Charts.xy("Activation variance by layer at initialization", "hidden layer", "variance of tanh output (log scale)",
                        true, actSeries)));
        s.figure(Charts.figure("init-gradient-variance", "Variance of each layer's weight gradient at initialization (log"
                + " scale). The fixed small scales make the early layers' gradients vanish; Xavier keeps them comparable across"
                + " depth. First layer over last: " + String.join(", ", gradDrop) + ".",
                Charts.xy("Weight-gradient variance by layer at initialization", "layer (1 = first)", "variance of ∂L/∂W (log scale)",
                        true, gradSeries)));
        int epochs = ctx.quick() ? 2 : 3;
        List<Charts.Series> curves = new ArrayList<>();
        List<String> finalAcc = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Choice c : choices()) {
            Sequential net = net();
            net.initialize(c.init(), ctx.rng("init-" + c.name()), false);
            History h = Trainer.builder(net, new SoftmaxCrossEntropyLoss()).optimizer(p -> new Sgd(p, 0.1)).epochs(epochs).build()
                    .fit(new DataLoader(ctx.data.train(), 128, LastBatch.KEEP, ctx.rng("init-data")),
                            DataLoader.sequential(ctx.data.test(), 1000));
            double[] e = new double[epochs];
            double[] acc = new double[epochs];
            for (int i = 0; i < epochs; i++) {
                EpochResult r = h.epochs().get(i);
                e[i] = r.epoch();
                acc[i] = r.testAccuracy();
            }
            curves.add(Charts.Series.line(c.name(), e, acc));
            rows.add(List.of(c.name(), Fmt.num(h.last().trainLoss()), Fmt.pct(h.last().testAccuracy())));
            finalAcc.add(c.name() + " " + Fmt.pct(h.last().testAccuracy()));
            s.number(key(c) + "_test_accuracy", acc);
        }
        s.figure(Charts.figure("init-training-curves", String.format(Locale.ROOT, "Test accuracy per epoch when the same deep"
                        + " tanh MLP is trained (SGD, learning rate 0.1, batch 128) from each initialization, %d epochs."
                        + " Final test accuracy: %s.", epochs, String.join(", ", finalAcc)),
                Charts.xy("Training from each initialization", "epoch", "test accuracy", false, curves)));
        s.table(List.of("initialization", "final training loss", "final test accuracy"), rows);
        return s;
    }

    private static String key(Choice c) {
        return c.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("_+$", "");
    }
    private static double variance(Tensor t) {
        return Fmt.variance(t.toDoubleArray());
    }
}
