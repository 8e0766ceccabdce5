package org.jgrad.autograd;

import java.util.function.UnaryOperator;
import org.jgrad.tensor.Tensor;

/**
 * Recording and gradient modes, Gluon's shape:
 * <pre>{@code
 * x.attachGrad();
 * try (var scope = Autograd.record()) {
 *     y = x.mul(x).sum();
 * }
 * y.backward();
 * x.grad();   // 2x
 * }</pre>
 * Ops build the computational graph only inside {@code record()}, and only on the thread that
 * opened it. Scopes nest and restore the previous mode when closed.
 */
public final class Autograd {

    /** A mode that ends when closed; close() throws nothing checked, so try-with-resources stays short. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    static final class State {
        boolean recording;
        boolean anomaly;
        boolean inBackward;
        long sequence;
        long pass;
        long lendingPass; // the pass whose gradient buffers backward functions may write into; 0: none (Note [Lent buffers])
        GraphListener listener;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private Autograd() {
    }

    static State state() {
        return STATE.get();
    }

    /** Records every op on this thread until the scope closes. */
    public static Scope record() {
        return setRecording(true);
    }

    /** Stops recording on this thread until the scope closes (MXNet's {@code autograd.pause()}). */
    public static Scope pause() {
        return setRecording(false);
    }

    private static Scope setRecording(boolean on) {
        State s = STATE.get();
        boolean previous = s.recording;
        s.recording = on;
        return () -> s.recording = previous;
    }

    /** Whether ops on this thread are being recorded. */
    public static boolean isRecording() {
        return STATE.get().recording;
    }

    /**
     * Anomaly mode until the scope closes: every op checks its output and every backward step its
     * gradients for NaN/Inf, and each recorded op remembers where in user code it was created, so
     * a failure names the op, the bad value and that place. Off by default; costs nothing when off.
     */
    public static Scope detectAnomaly() {
        State s = STATE.get();
        boolean previous = s.anomaly;
        s.anomaly = true;
        return () -> s.anomaly = previous;
    }

    public static boolean isAnomalyDetectionEnabled() {
        return STATE.get().anomaly;
    }

    /** Installs a graph listener on this thread until the scope closes (one at a time; the previous one returns after). */
    public static Scope listen(GraphListener listener) {
        State s = STATE.get();
        GraphListener previous = s.listener;
        s.listener = listener;
        return () -> s.listener = previous;
    }

    // ---- what Tensor's autograd methods call

    /** Gives t a zero gradient buffer and marks it as a variable to differentiate with respect to. */
    public static void attachGrad(Tensor t, GradReq req) {
        AutogradMeta m = t.autogradMeta();
        m.req = req;
        m.grad = Tensor.zeros(t.dtype(), t.shape());
        if (m.gradFn != null) {
            // an intermediate: keep the graph and also keep its gradient (PyTorch's retain_grad)
            m.gradFn.retainGradIn(t);
        } else {
            m.attached = true;
        }
    }

    /** The gradient of t, or a clear error when it never attached one. */
    public static Tensor grad(Tensor t) {
        Tensor g = t.autogradMeta().grad;
        if (g == null) {
            throw new IllegalStateException("grad(): this tensor " + t.describe()
                    + " has no gradient buffer; call attachGrad() on it before Autograd.record()");
        }
        return g;
    }

    /** Sets t's gradient buffer to zeros (keeps the buffer). */
    public static void zeroGrad(Tensor t) {
        Tensor g = grad(t);
        if (g.autogradMeta().gradFn != null) {
            t.autogradMeta().grad = Tensor.zeros(t.dtype(), t.shape());
        } else {
            g.storage().fill(0);
        }
    }

    /** Names a tensor (shown in graph pictures and error messages). */
    public static void setName(Tensor t, String name) {
        AutogradMeta m = t.autogradMeta();
        m.name = name;
        if (m.gradFn != null) {
            m.gradFn.setOutputName(name);
        }
    }

    /**
     * Calls hook with t's gradient during backward; a hook may return a replacement gradient of
     * the same shape or null to keep it. Returns a handle whose run() removes the hook.
     */
    public static Runnable registerHook(Tensor t, UnaryOperator<Tensor> hook) {
        AutogradMeta m = t.autogradMeta();
        if (m.gradFn != null) {
            return m.gradFn.addHook(hook);
        }
        if (!m.attached) {
            throw new IllegalStateException("registerHook: tensor " + t.describe()
                    + " takes no part in autograd; call attachGrad() first or register on a recorded result");
        }
        return m.addHook(hook);
    }

    /**
     * Gradients of head with respect to the given leaves (tensors that attached a gradient),
     * returned rather than written into their buffers; no buffer changes (PyTorch's
     * {@code torch.autograd.grad}). headGrad may be null (ones). Leaf hooks do not run.
     */
    public static Tensor[] gradients(Tensor head, Tensor headGrad, Tensor... wrt) {
        for (Tensor t : wrt) {
            if (!t.autogradMeta().attached) {
                throw new IllegalArgumentException("gradients: " + t.describe() + " is not a leaf with attachGrad();"
                        + " only such leaves can be differentiated with respect to");
            }
        }
        return Engine.gradients(head, headGrad, wrt, false, false);
    }

    /** Runs backward from head; see {@link Tensor#backward(Tensor, boolean, boolean)}. */
    public static void backward(Tensor head, Tensor headGrad, boolean retainGraph, boolean createGraph) {
        Engine.run(head, headGrad, retainGraph, createGraph);
    }
}
