package org.jgrad.autograd;

import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * The checks of anomaly mode ({@link Autograd#detectAnomaly()}): an op's output, or a backward
 * step's gradients, holding NaN or Inf stops the run with a message naming the op, its input
 * shapes, which value went bad, and where the op was recorded.
 */
final class Anomaly {
    private Anomaly() {
    }

    static void checkForward(String op, Tensor out, Tensor[] inputs) {
        int bad = firstNonFinite(out);
        if (bad < 0) {
            return;
        }
        StringBuilder msg = new StringBuilder("anomaly: '").append(op).append("' produced ")
                .append(describeValue(out, bad)).append(" in its output of shape ").append(Shapes.toString(out.shape()))
                .append(" from inputs ").append(shapes(inputs));
        for (int i = 0; i < inputs.length; i++) {
            if (firstNonFinite(inputs[i]) >= 0) {
                msg.append("; input ").append(i).append(" already held non-finite values");
            }
        }
        msg.append("\n  at ").append(userFrame(new Throwable().getStackTrace()));
        throw new ArithmeticException(msg.toString());
    }

    static void checkBackward(Node node, Tensor gradOut, Tensor[] grads) {
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] == null) {
                continue;
            }
            int bad = firstNonFinite(grads[i]);
            if (bad >= 0) {
                boolean incoming = firstNonFinite(gradOut) >= 0;
                StringBuilder msg = new StringBuilder("anomaly: ").append(node).append(" produced ")
                        .append(describeValue(grads[i], bad)).append(" in the gradient for input ").append(i)
                        .append(" (input shapes ").append(node.inputs()).append(")")
                        .append(incoming ? "; the incoming gradient was already non-finite" : "; the incoming gradient was finite");
                StackTraceElement[] stack = node.creationStack();
                msg.append("\n  '").append(node.op()).append("' was recorded at ")
                        .append(stack == null ? "(unknown: recorded outside anomaly mode)" : userFrame(stack));
                throw new ArithmeticException(msg.toString());
            }
        }
    }

    private static String describeValue(Tensor t, int index) {
        double v = t.storage().get(index);
        return (Double.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "-Inf") + " at flat index " + index;
    }

    private static String shapes(Tensor[] inputs) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < inputs.length; i++) {
            sb.append(i > 0 ? ", " : "").append(Shapes.toString(inputs[i].shape()));
        }
        return sb.append(']').toString();
    }

    static int firstNonFinite(Tensor t) {
        var s = t.storage();
        int n = t.size();
        if (s.isFloat()) {
            float[] a = s.floats();
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(a[i])) {
                    return i;
                }
            }
        } else {
            double[] a = s.doubles();
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(a[i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** The first stack frame outside jgrad's own tensor, autograd and op code: the user's line. */
    static String userFrame(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (!c.startsWith("org.jgrad.autograd") && !c.startsWith("org.jgrad.tensor") && !c.startsWith("java.")) {
                return e.toString();
            }
        }
        return stack.length > 0 ? stack[0].toString() : "(no stack)";
    }
}
