package org.jgrad.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jgrad.tensor.Tensor;

/**
 * The autograd side of a tensor (as PyTorch's AutogradMeta): the node that produced it, whether it
 * attached a gradient, its gradient buffer, its name and hooks. Every {@link Tensor} owns one;
 * only the autograd package changes it.
 */
public final class AutogradMeta {
    Node gradFn;
    boolean attached;
    GradReq req = GradReq.WRITE;
    Tensor grad;
    String name;
    List<UnaryOperator<Tensor>> hooks;

    // scratch for one backward pass (see Engine)
    Tensor pendingGrad;
    long visit;
    long lentIn; // the pass in which the gradient buffer was lent to a backward function

    /** The node that computed this tensor inside {@code Autograd.record()}, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** True after {@code attachGrad()}. */
    public boolean attached() {
        return attached;
    }

    public GradReq gradReq() {
        return req;
    }

    public String name() {
        return name;
    }

    /** The gradient buffer, or null when none was attached. */
    public Tensor gradOrNull() {
        return grad;
    }

    Runnable addHook(UnaryOperator<Tensor> hook) {
        if (hooks == null) {
            hooks = new ArrayList<>(1);
        }
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }
}
