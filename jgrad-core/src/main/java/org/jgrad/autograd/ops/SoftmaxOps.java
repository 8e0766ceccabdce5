package org.jgrad.autograd.ops;

import static org.jgrad.autograd.ops.ArithmeticOps.mul;
import static org.jgrad.autograd.ops.ArithmeticOps.sub;

import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * log-softmax, and softmax cross-entropy fused with it: both are primitives for a numerical reason
 * (subtracting the maximum before exp keeps logits of ±1e4 finite, which a composition of exp, sum
 * and log would not).
 */
public final class SoftmaxOps {
    private SoftmaxOps() {
    }

    /** x − logsumexp(x) along an axis;  d/dx = g − softmax·Σg. */
    public static Tensor logSoftmax(Tensor x, int axis) {
        int[] xs = x.shape();
        int a = Shapes.axis("logSoftmax", axis, xs.length);
        Tensor out = Tensor.wrap(Storage.allocate(x.dtype(), x.size()), xs);
        Elementwise.K.logSoftmax(x.storage(), ReductionOps.prod(xs, 0, a), xs[a], ReductionOps.prod(xs, a + 1, xs.length),
                out.storage());
        return Recorder.record("log_softmax", out, new Tensor[] {x}, new Tensor[] {out}, (n, g) -> new Tensor[] {
            sub(g, mul(UnaryMathOps.exp(n.saved(0)), ReductionOps.sum(g, new int[] {a}, true)))});
    }

    /** e^x / Σe^x along an axis, computed as exp(logSoftmax). */
    public static Tensor softmax(Tensor x, int axis) {
        return UnaryMathOps.exp(logSoftmax(x, axis));
    }

    /**
     * Per-row softmax cross-entropy of logits [rows, classes] against integer labels [rows]:
     * loss = logsumexp(x) − x[label];  d/dx = (softmax(x) − onehot(label))·g.
     */
    public static Tensor softmaxCrossEntropy(Tensor logits, Tensor labels) {
        int[] ls = logits.shape();
        if (ls.length != 2) {
            throw new IllegalArgumentException("softmax_cross_entropy: logits must be (rows, classes), got "
                    + Shapes.toString(ls));
        }
        if (labels.rank() != 1 || labels.shape()[0] != ls[0]) {
            throw new IllegalArgumentException("softmax_cross_entropy: labels of shape " + Shapes.toString(labels.shape())
                    + " do not match logits of shape " + Shapes.toString(ls) + "; expected (" + ls[0] + ",)");
        }
        int[] idx = IndexOps.indices("softmax_cross_entropy", labels, ls[1]);
        Tensor loss = Tensor.wrap(Storage.allocate(logits.dtype(), ls[0]), new int[] {ls[0]});
        Tensor prob = Tensor.wrap(Storage.allocate(logits.dtype(), logits.size()), ls);
        Elementwise.K.softmaxCrossEntropy(logits.storage(), ls[0], ls[1], idx, loss.storage(), prob.storage());
        return Recorder.record("softmax_cross_entropy", loss, new Tensor[] {logits}, new Tensor[] {logits, prob, labels},
                (n, g) -> {
                    if (!org.jgrad.autograd.Autograd.isRecording()) {
                        Tensor dx = Tensor.wrap(Storage.allocate(g.dtype(), logits.size()), ls);
                        Elementwise.K.softmaxCrossEntropyBackward(n.saved(1).storage(), ls[0], ls[1], idx, g.storage(),
                                dx.storage());
                        return new Tensor[] {dx};
                    }
                    // differentiating twice: the same formula built from ops, softmax recomputed inside the graph
                    Tensor target = IndexOps.oneHot(n.saved(2), ls[1], g.dtype());
                    return new Tensor[] {mul(sub(softmax(n.saved(0), 1), target), ShapeOps.reshape(g, ls[0], 1))};
                });
    }
}
