package org.jgrad.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.jgrad.chapter.SeedNetwork;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jgrad demo}: forward and backward through the chapter's network, with the chain rule by hand beside it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Forward and backward propagation through the chapter's one-hidden-layer network: "
                + "prints z, h, o, L, s, J and both gradients beside the hand-derived ones.")
final class DemoCommand implements Runnable {
    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE}, where two of four hidden units are active).",
            defaultValue = "1")
    long seed;

    @Option(names = "--inputs", description = "d, the input size (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int d;

    @Option(names = "--hidden", description = "h, the hidden size (default: ${DEFAULT-VALUE}).", defaultValue = "4")
    int hidden;

    @Option(names = "--outputs", description = "q, the number of classes (default: ${DEFAULT-VALUE}).", defaultValue = "3")
    int q;

    @Option(names = "--lambda", description = "λ, the L2 penalty (default: ${DEFAULT-VALUE}).", defaultValue = "0.1")
    double lambda;

    @Override
    public void run() {
        PrintStream out = System.out;
        SeedNetwork.Result r = SeedNetwork.random(new Rng(seed), d, hidden, q, lambda, DType.FLOAT64);
        out.printf(Locale.ROOT, "The chapter's network (float64, seed %d): d=%d, h=%d, q=%d, λ=%s, label y=%d%n%n",
                seed, d, hidden, q, lambda, r.y());
        out.println("Forward propagation");
        show(out, "x", "input", r.x());
        show(out, "W1", "hidden-layer weights", r.W1());
        show(out, "z = W1·x", "pre-activation", r.z());
        show(out, "h = relu(z)", "hidden activation", r.h());
        show(out, "W2", "output-layer weights", r.W2());
        show(out, "o = W2·h", "output", r.o());
        show(out, "L = l(o, y)", "softmax cross-entropy", r.L());
        show(out, "s = λ/2(‖W1‖²+‖W2‖²)", "L2 penalty", r.s());
        show(out, "J = L + s", "objective", r.J());
        out.println("Backward propagation (autograd, then the chapter's chain rule by hand)");
        show(out, "dJ/dW2 autograd", "", r.dJdW2());
        show(out, "dJ/dW2 by hand", "∂J/∂o·hᵀ + λW2", r.handDJdW2());
        show(out, "dJ/dW1 autograd", "", r.dJdW1());
        show(out, "dJ/dW1 by hand", "(W2ᵀ·∂J/∂o ⊙ φ'(z))·xᵀ + λW1", r.handDJdW1());
        out.printf(Locale.ROOT, "Largest difference between autograd and the hand-derived gradients: %.3e%n",
                r.maxGradientDifference());
    }

    private static void show(PrintStream out, String name, String what, Tensor t) {
        out.println("  " + name + (what.isEmpty() ? "" : "   (" + what + ")"));
        for (String line : t.toString().split("\n")) {
            out.println("      " + line);
        }
    }
}
