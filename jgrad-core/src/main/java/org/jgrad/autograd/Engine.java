package org.jgrad.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * The backward pass: a reverse walk of the recorded graph that knows no op. It counts, for each
 * node, how many consumers will send it a gradient; runs a node once all have arrived; sums
 * gradients along every edge; checks what each backward returns; and finally writes each leaf's
 * gradient into its buffer per its {@link GradReq}. Iterative, so deep graphs cannot overflow the
 * stack.
 *
 * <p>Note [Lent buffers]: a weight's gradient is as large as the weight, and allocating it (Java
 * zeroes every new array) and then copying it into the weight's buffer cost the MLP's training
 * step 5–7%. So, as MXNet's backward ops write straight into a gradient array whose request is
 * "write", a backward function may ask {@link Node#gradBuffer} for a leaf's buffer, write the
 * gradient there and return the buffer itself; {@link #store} then has nothing to copy. A buffer
 * is lent only when nothing else could observe or combine the value on the way: the pass stores
 * into buffers (not {@link Autograd#gradients}), builds no graph (no createGraph), has no graph
 * listener; the leaf's request is WRITE, it has a plain buffer of its shape and dtype and no
 * hooks; the buffer shares no storage with the node's incoming gradient or saved values; and the
 * leaf has not received a gradient in this pass yet, and is lent at most once per pass.
 * A second gradient for the same leaf is then added to the buffer's value into a fresh tensor as
 * usual. If backward fails half-way, buffers already written hold this pass's gradients (PyTorch
 * leaves gradients half-accumulated in the same case).
 */
final class Engine {
    private Engine() {
    }

    static void run(Tensor head, Tensor headGrad, boolean retainGraph, boolean createGraph) {
        propagate(head, headGrad, retainGraph, createGraph, null, null);
    }

    /**
     * Gradients of head with respect to the given leaves, returned instead of stored: no gradient
     * buffer is touched (PyTorch's autograd.grad). A leaf the graph does not reach gets zeros.
     */
    static Tensor[] gradients(Tensor head, Tensor headGrad, Tensor[] wrt, boolean retainGraph, boolean createGraph) {
        Tensor[] out = new Tensor[wrt.length];
        propagate(head, headGrad, retainGraph, createGraph, wrt, out);
        for (int i = 0; i < wrt.length; i++) {
            if (out[i] == null) {
                out[i] = Tensor.zeros(wrt[i].dtype(), wrt[i].shape());
            }
        }
        return out;
    }

    /** One backward pass; leaf gradients go into their buffers, or, when wrt is given, into out (by position). */
    private static void propagate(Tensor head, Tensor headGrad, boolean retainGraph, boolean createGraph,
                                  Tensor[] wrt, Tensor[] out) {
        // as in PyTorch, a recorded backward keeps the graph: its gradients still point into it
        retainGraph |= createGraph;
        Tensor seed = headGradient(head, headGrad);
        AutogradMeta hm = head.autogradMeta();
        Node root = hm.gradFn;
        Autograd.State st = Autograd.state();
        long pass = ++st.pass;
        List<Tensor> leaves = new ArrayList<>();
        boolean wasRecording = st.recording;
        long wasLending = st.lendingPass;
        st.recording = createGraph;
        st.lendingPass = wrt == null && !createGraph && st.listener == null ? pass : 0;
        try {
            if (root == null) {
                if (!hm.attached) {
                    throw new IllegalStateException("backward(): " + head.describe() + " was not computed inside"
                            + " Autograd.record() from tensors that called attachGrad(), so there is no graph to"
                            + " differentiate");
                }
                gather(head, hm, seed, pass, leaves);
            } else {
                walk(root, seed, pass, retainGraph, leaves);
            }
            if (wrt == null) {
                for (Tensor leaf : leaves) {
                    commit(leaf, createGraph);
                }
            } else {
                for (int i = 0; i < wrt.length; i++) {
                    AutogradMeta m = wrt[i].autogradMeta();
                    out[i] = m.visit == pass ? m.pendingGrad : null;
                }
            }
        } finally {
            st.recording = wasRecording;
            st.lendingPass = wasLending;
            for (Tensor leaf : leaves) {
                leaf.autogradMeta().pendingGrad = null;
            }
        }
    }

    private static Tensor headGradient(Tensor head, Tensor headGrad) {
        if (headGrad == null) {
            // MXNet's rule: a non-scalar head gets a gradient of ones (the chapter's y.backward())
            return Tensor.ones(head.dtype(), head.shape());
        }
        if (!Arrays.equals(headGrad.shape(), head.shape())) {
            throw new IllegalArgumentException("backward: the head gradient has shape " + Shapes.toString(headGrad.shape())
                    + " but the tensor has shape " + Shapes.toString(head.shape()) + "; they must be equal");
        }
        if (headGrad.dtype() != head.dtype()) {
            throw new IllegalArgumentException("backward: the head gradient is " + headGrad.dtype() + " but the tensor is "
                    + head.dtype() + "; convert it with astype(" + head.dtype() + ")");
        }
        return headGrad;
    }

    private static void walk(Node root, Tensor seed, long pass, boolean retainGraph, List<Tensor> leaves) {
        countDependencies(root, pass);
        root.pendingGrad = seed;
        ArrayDeque<Node> ready = new ArrayDeque<>();
        ready.push(root);
        try {
            while (!ready.isEmpty()) {
                Node node = ready.pop();
                Tensor g = node.pendingGrad;
                node.pendingGrad = null;
                Edge[] inputs = node.inputArray();
                Tensor[] grads = g == null ? null : runNode(node, g, retainGraph);
                for (int i = 0; i < inputs.length; i++) {
                    Edge e = inputs[i];
                    Tensor gi = grads == null ? null : grads[i];
                    if (e.node() != null) {
                        Node next = e.node();
                        if (gi != null) {
                            next.pendingGrad = next.pendingGrad == null ? gi : next.pendingGrad.add(gi);
                        }
                        if (--next.pendingDeps == 0) {
                            ready.push(next);
                        }
                    } else if (e.leaf() != null && gi != null) {
                        gather(e.leaf(), e.leaf().autogradMeta(), gi, pass, leaves);
                    }
                }
            }
        } catch (RuntimeException ex) {
            clearScratch(root, pass);
            throw ex;
        }
    }

    private static Tensor[] runNode(Node node, Tensor g, boolean retainGraph) {
        if (node.isFreed()) {
            throw new IllegalStateException("backward: the graph through '" + node.op() + "' was already freed by an"
                    + " earlier backward(); pass retainGraph=true to the first backward() to go through it again");
        }
        g = applyHooks(node.hooks(), g);
        Tensor target = node.retainTarget();
        if (target != null) {
            store(target, g, Autograd.isRecording());
        }
        Autograd.State st = Autograd.state();
        boolean wasInBackward = st.inBackward;
        st.inBackward = true;
        Tensor[] grads;
        try {
            grads = node.backward().apply(node, g);
        } finally {
            st.inBackward = wasInBackward;
        }
        validate(node, grads);
        if (Autograd.isAnomalyDetectionEnabled()) {
            Anomaly.checkBackward(node, g, grads);
        }
        GraphListener listener = Autograd.state().listener;
        if (listener != null) {
            for (int i = 0; i < grads.length; i++) {
                if (grads[i] != null) {
                    listener.onGradient(node, i, grads[i]);
                }
            }
        }
        if (!retainGraph) {
            if (listener != null) {
                listener.onRelease(node);
            }
            node.release();
        }
        return grads;
    }

    /** Counts how many recorded consumers will send each node a gradient in this pass. */
    private static void countDependencies(Node root, long pass) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        root.visit = pass;
        root.pendingDeps = 0;
        root.pendingGrad = null;
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Edge e : n.inputArray()) {
                Node next = e.node();
                if (next == null) {
                    continue;
                }
                if (next.visit != pass) {
                    next.visit = pass;
                    next.pendingDeps = 1;
                    next.pendingGrad = null;
                    stack.push(next);
                } else {
                    next.pendingDeps++;
                }
            }
        }
    }

    private static void clearScratch(Node root, long pass) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        root.visit = -pass;
        root.pendingGrad = null;
        while (!stack.isEmpty()) {
            for (Edge e : stack.pop().inputArray()) {
                Node next = e.node();
                if (next != null && next.visit != -pass) {
                    next.visit = -pass;
                    next.pendingGrad = null;
                    stack.push(next);
                }
            }
        }
    }

    /**
     * Checks what a backward returned: one gradient per input, each of its input's shape and dtype;
     * a violation names the op ({@code MulBackward returned a gradient of shape (3,4) for input 1,
     * expected (4,)}) instead of surfacing later as a confusing broadcast error.
     */
    private static void validate(Node node, Tensor[] grads) {
        Edge[] inputs = node.inputArray();
        if (grads == null || grads.length != inputs.length) {
            throw new IllegalStateException(node + " returned " + (grads == null ? "null" : grads.length + " gradients")
                    + " for " + inputs.length + " inputs");
        }
        for (int i = 0; i < grads.length; i++) {
            Tensor g = grads[i];
            if (g == null || !inputs[i].needsGrad()) {
                continue;
            }
            if (!Arrays.equals(g.shape(), inputs[i].shapeRef())) {
                throw new IllegalStateException(node + " returned a gradient of shape " + Shapes.toString(g.shape())
                        + " for input " + i + ", expected " + Shapes.toString(inputs[i].shapeRef()));
            }
            if (g.dtype() != inputs[i].dtype()) {
                throw new IllegalStateException(node + " returned a " + g.dtype() + " gradient for input " + i
                        + ", expected " + inputs[i].dtype());
            }
        }
    }

    private static void gather(Tensor leaf, AutogradMeta m, Tensor g, long pass, List<Tensor> leaves) {
        if (m.visit != pass) {
            m.visit = pass;
            m.pendingGrad = g;
            leaves.add(leaf);
        } else {
            m.pendingGrad = m.pendingGrad.add(g);
        }
    }

    private static void commit(Tensor leaf, boolean createGraph) {
        AutogradMeta m = leaf.autogradMeta();
        store(leaf, applyHooks(m.hooks, m.pendingGrad), createGraph);
    }

    /** Writes or adds g into t's gradient buffer, per its GradReq. */
    private static void store(Tensor t, Tensor g, boolean keepGraph) {
        AutogradMeta m = t.autogradMeta();
        Tensor buffer = m.grad;
        boolean plainBuffer = buffer != null && buffer.autogradMeta().gradFn == null;
        if (m.req == GradReq.ADD && buffer != null) {
            if (keepGraph || !plainBuffer) {
                m.grad = buffer.add(g);
            } else {
                buffer.addInPlace(g);
            }
        } else if (keepGraph || !plainBuffer) {
            m.grad = g;
        } else if (g != buffer) { // a lent buffer already holds g (Note [Lent buffers])
            g.storage().copyTo(0, buffer.storage(), 0, buffer.size());
        }
    }

    private static Tensor applyHooks(List<UnaryOperator<Tensor>> hooks, Tensor g) {
        if (hooks == null) {
            return g;
        }
        for (UnaryOperator<Tensor> hook : List.copyOf(hooks)) {
            Tensor r = hook.apply(g);
            if (r != null) {
                if (!Arrays.equals(r.shape(), g.shape())) {
                    throw new IllegalStateException("a gradient hook returned shape " + Shapes.toString(r.shape())
                            + " for a gradient of shape " + Shapes.toString(g.shape()));
                }
                g = r;
            }
        }
        return g;
    }
}
