package org.jgrad.chapter;

import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.ops.SoftmaxOps;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * The chapter's one-hidden-layer network for a single example, without biases:
 * z = W1·x, h = φ(z) (φ = ReLU), o = W2·h, L = softmax cross-entropy(o, y),
 * s = λ/2·(‖W1‖²_F + ‖W2‖²_F), J = L + s. {@link #run} records the forward pass, runs backward and
 * also computes the gradients the chapter derives by hand, so the two can be compared:
 * <pre>
 *   ∂J/∂W2 = ∂J/∂o·hᵀ + λW2,   ∂J/∂h = W2ᵀ·∂J/∂o,   ∂J/∂z = ∂J/∂h ⊙ φ'(z),   ∂J/∂W1 = ∂J/∂z·xᵀ + λW1
 * </pre>
 */
public final class SeedNetwork {
    private SeedNetwork() {
    }

    /** Every intermediate variable of one forward and backward pass, named as in the chapter. */
    public record Result(Tensor x, int y, double lambda, Tensor W1, Tensor W2, Tensor z, Tensor h, Tensor o,
                         Tensor L, Tensor s, Tensor J, Tensor dJdW1, Tensor dJdW2, Tensor handDJdW1, Tensor handDJdW2) {

        /** Largest absolute difference between autograd's and the hand-derived gradients. */
        public double maxGradientDifference() {
            return Math.max(maxAbsDiff(dJdW1, handDJdW1), maxAbsDiff(dJdW2, handDJdW2));
        }
    }

    /** A network of the given sizes with N(0, 1) weights and input and a random label, drawn from rng. */
    public static Result random(Rng rng, int d, int hidden, int q, double lambda, DType dtype) {
        Tensor x = Tensor.randomNormal(rng, 0, 1, dtype, d);
        Tensor w1 = Tensor.randomNormal(rng, 0, 1, dtype, hidden, d);
        Tensor w2 = Tensor.randomNormal(rng, 0, 1, dtype, q, hidden);
        return run(x, rng.nextInt(q), w1, w2, lambda);
    }

    /** Forward, backward and the hand-derived gradients for input x (d), label y, W1 (h×d) and W2 (q×h). */
    public static Result run(Tensor x, int y, Tensor w1, Tensor w2, double lambda) {
        Tensor xIn = x.detach().name("x");
        Tensor W1 = w1.detach().copy().name("W1").attachGrad();
        Tensor W2 = w2.detach().copy().name("W2").attachGrad();
        int q = W2.shape()[0];
        Tensor label = Tensor.scalar(y, x.dtype()).reshape(1);
        Tensor z;
        Tensor h;
        Tensor o;
        Tensor L;
        Tensor s;
        Tensor J;
        try (var scope = Autograd.record()) {
            z = W1.matmul(xIn).name("z");
            h = z.relu().name("h");
            o = W2.matmul(h).name("o");
            L = SoftmaxOps.softmaxCrossEntropy(o.reshape(1, q), label).sum().name("L");
            s = W1.square().sum().add(W2.square().sum()).mul(lambda / 2).name("s");
            J = L.add(s).name("J");
        }
        Tensor head = J;
        J.backward(true); // keep the graph so it can still be drawn and measured
        Tensor[] hand = handDerived(xIn, y, W1, W2, z, h, o, lambda);
        return new Result(xIn, y, lambda, W1, W2, z, h, o, L, s, head, W1.grad(), W2.grad(), hand[0], hand[1]);
    }

    /**
     * J(W1, W2) = L + s for one example, as a differentiable function of the weights (for
     * GradCheck); x has shape (d), W1 (h×d), W2 (q×h).
     */
    public static Tensor objective(Tensor x, int y, Tensor W1, Tensor W2, double lambda) {
        int q = W2.shape()[0];
        Tensor o = W2.matmul(W1.matmul(x).relu());
        Tensor L = SoftmaxOps.softmaxCrossEntropy(o.reshape(1, q), Tensor.scalar(y, x.dtype()).reshape(1)).sum();
        return L.add(W1.square().sum().add(W2.square().sum()).mul(lambda / 2));
    }

    /** The chapter's backward pass written out with plain tensor ops (nothing recorded). */
    static Tensor[] handDerived(Tensor x, int y, Tensor W1, Tensor W2, Tensor z, Tensor h, Tensor o, double lambda) {
        try (var scope = Autograd.pause()) {
            int q = o.size();
            Tensor dJdo = o.softmax(0).sub(Tensor.scalar(y, o.dtype()).reshape(1).oneHot(q).reshape(q)); // ∂L/∂o
            Tensor dJdW2 = dJdo.reshape(q, 1).matmul(h.reshape(1, -1)).add(W2.mul(lambda));
            Tensor dJdh = W2.transpose().matmul(dJdo);
            Tensor dJdz = dJdh.mul(z.gt(0)); // φ'(z) for ReLU
            Tensor dJdW1 = dJdz.reshape(-1, 1).matmul(x.reshape(1, -1)).add(W1.mul(lambda));
            return new Tensor[] {dJdW1, dJdW2};
        }
    }

    /** max |a − b| over all elements (same shapes). */
    public static double maxAbsDiff(Tensor a, Tensor b) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
