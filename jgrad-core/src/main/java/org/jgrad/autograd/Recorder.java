package org.jgrad.autograd;

import org.jgrad.tensor.Tensor;

/**
 * Adds a node to the graph for an op that just ran, when recording is on and some input takes part
 * in autograd; otherwise returns the output untouched. Every primitive op ends with a call here.
 */
public final class Recorder {
    private Recorder() {
    }

    /**
     * @param op     the op's name, used in graphs and error messages
     * @param out    the op's result, computed already
     * @param inputs the op's tensor arguments, in order; backward returns one gradient per input
     * @param saved  values backward needs (kept until backward runs, and counted in memory reports)
     * @param fn     the derivative
     */
    public static Tensor record(String op, Tensor out, Tensor[] inputs, Tensor[] saved, BackwardFunction fn) {
        Autograd.State st = Autograd.state();
        if (st.anomaly && !st.inBackward) {
            // inside backward the engine checks each node's gradients and names the node instead
            Anomaly.checkForward(op, out, inputs);
        }
        if (!st.recording) {
            return out;
        }
        boolean any = false;
        for (Tensor t : inputs) {
            if (t.requiresGrad()) {
                any = true;
                break;
            }
        }
        if (!any) {
            return out;
        }
        Edge[] edges = new Edge[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            AutogradMeta m = t.autogradMeta();
            edges[i] = new Edge(m.gradFn, m.gradFn == null && m.attached ? t : null, t.shape(), t.dtype(),
                    m.gradFn == null && !m.attached ? m.name : null);
        }
        Node node = new Node(op, edges, saved, fn, out.shape(), out.dtype(), st.sequence++);
        out.autogradMeta().gradFn = node;
        if (st.anomaly) {
            node.setCreationStack(new Throwable().getStackTrace());
        }
        if (st.listener != null) {
            st.listener.onRecord(node);
        }
        return out;
    }
}
