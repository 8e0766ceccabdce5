package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jgrad.autograd.Autograd;
import org.jgrad.init.Xavier;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;

/** Section 5: sigmoid's gradient, computed by autograd, and per-layer gradient norms of deep sigmoid and ReLU nets. */
final class VanishingSection implements TourSection {
    private static final int DEPTH = 10;

    @Override
    public String id() {
        return "vanishing";
    }

    @Override
    public String title() {
        return "5. Vanishing gradients";
    }

    @Override
    public ReportSection run(TourContext ctx) {
        ReportSection s = new ReportSection(id(), title());
        Tensor x = Tensor.arange(-8.0, 8.0, 0.1, DType.FLOAT32).attachGrad();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = x.sigmoid();
        }
        y.backward();
        double[] xs = x.toDoubleArray();
        double[] grad = x.grad().toDoubleArray();
        s.text("The sigmoid squashes its input into (0, 1); its derivative σ'(x) = σ(x)(1 − σ(x)) is at most 1/4, at x = 0,"
                + " and vanishes when |x| is large. The curve below is computed exactly as the chapter does it:"
                + " x = arange(−8, 8, 0.1), x.attachGrad(), y = sigmoid(x) inside record(), y.backward(), x.grad().");
        s.figure(Charts.figure("sigmoid-gradient", String.format(Locale.ROOT, "Sigmoid and its gradient from autograd. The"
                        + " gradient peaks at %.4f and is below %.1e at |x| = 8: a unit pushed into saturation passes almost no"
                        + " gradient back.", max(grad), grad[0]),
                Charts.xy("Sigmoid and its gradient", "x", "value", false,
                        List.of(Charts.Series.line("sigmoid(x)", xs, y.toDoubleArray()),
                                Charts.Series.line("gradient (autograd)", xs, grad)))));
        int[] idx = java.util.stream.IntStream.range(0, 256).toArray();
        Tensor images = ctx.data.train().features(idx);
        Tensor labels = ctx.data.train().labels(idx);
        double[] sig = layerGradNorms(Activation::sigmoid, images, labels);
        double[] relu = layerGradNorms(Activation::relu, images, labels);
        double[] layer = Fmt.range(1, DEPTH + 2);
        s.figure(Charts.figure("layer-gradient-norms", String.format(Locale.ROOT, "Gradient norm of each layer's weights after one"
                        + " backward pass on a batch of 256 images, for a %d-hidden-layer MLP (128 units, Xavier initialization)."
                        + " Going back from the output, the sigmoid net's gradients shrink layer by layer (first layer / last"
                        + " layer = %.1e), since σ' ≤ 1/4 multiplies in at every layer; the ReLU net's ratio is %.2g.",
                        DEPTH, sig[0] / sig[DEPTH], relu[0] / relu[DEPTH]),
                Charts.xy("Per-layer gradient norms: sigmoid vs ReLU", "layer (1 = first)", "‖∂L/∂W‖_F (log scale)", true,
                        List.of(Charts.Series.points("sigmoid", layer, sig), Charts.Series.points("ReLU", layer, relu)))));
        s.number("sigmoid_grad_max", max(grad)).number("sigmoid_grad_at_minus8", grad[0])
                .number("sigmoid_layer_grad_norms", sig).number("relu_layer_grad_norms", relu)
                .number("sigmoid_first_over_last", sig[0] / sig[DEPTH]).number("relu_first_over_last", relu[0] / relu[DEPTH]);
        return s;
    }

    private static double[] layerGradNorms(Supplier<Activation> act, Tensor x, Tensor y) {
        int[] hidden = new int[DEPTH];
        java.util.Arrays.fill(hidden, 128);
        Sequential net = Mlp.of(10, act, hidden);
        net.initialize(Xavier.uniform(), 5);
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = new SoftmaxCrossEntropyLoss().mean(net.forward(x), y);
        }
        loss.backward();
        List<Double> norms = new ArrayList<>();
        collect(net, norms);
        return norms.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void collect(Module m, List<Double> out) {
        if (m instanceof Linear l) {
            out.add(l.weight().grad().norm().item());
        }
        m.children().values().forEach(c -> collect(c, out));
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            m = Math.max(m, d);
        }
        return m;
    }
}
