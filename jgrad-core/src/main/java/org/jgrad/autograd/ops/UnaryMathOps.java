package org.jgrad.autograd.ops;

import static org.jgrad.autograd.ops.ArithmeticOps.mul;

import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.UnaryOp;

/**
 * Element-wise functions of one tensor, each with its derivative. relu, sigmoid and tanh keep their
 * output and use a fused gradient primitive (one pass instead of three); those primitives have
 * derivatives of their own, so second derivatives work.
 */
public final class UnaryMathOps {
    private UnaryMathOps() {
    }

    /** e^x;  d/dx = g·e^x. */
    public static Tensor exp(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.EXP, x);
        return Recorder.record("exp", out, new Tensor[] {x}, new Tensor[] {out}, (n, g) -> new Tensor[] {mul(g, n.saved(0))});
    }

    /** ln x;  d/dx = g / x. */
    public static Tensor log(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.LOG, x);
        return Recorder.record("log", out, new Tensor[] {x}, new Tensor[] {x}, (n, g) -> new Tensor[] {ArithmeticOps.div(g, n.saved(0))});
    }

    /** √x;  d/dx = g / (2√x). */
    public static Tensor sqrt(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.SQRT, x);
        return Recorder.record("sqrt", out, new Tensor[] {x}, new Tensor[] {out}, (n, g) -> new Tensor[] {
            ArithmeticOps.div(g, mul(n.saved(0), Elementwise.scalarLike(g, 2)))});
    }

    /** |x|;  d/dx = g·sign(x). */
    public static Tensor abs(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.ABS, x);
        return Recorder.record("abs", out, new Tensor[] {x}, new Tensor[] {x}, (n, g) -> new Tensor[] {mul(g, sign(n.saved(0)))});
    }

    /** sign(x) ∈ {−1, 0, 1}; not differentiable, never recorded. */
    public static Tensor sign(Tensor x) {
        return Elementwise.unary(UnaryOp.SIGN, x);
    }

    /** max(x, 0);  d/dx = g where the output is positive. */
    public static Tensor relu(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.RELU, x);
        return Recorder.record("relu", out, new Tensor[] {x}, new Tensor[] {out}, (n, g) -> new Tensor[] {reluGrad(g, n.saved(0))});
    }

    /** σ(x) = 1/(1+e^−x);  d/dx = g·σ(1−σ). */
    public static Tensor sigmoid(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.SIGMOID, x);
        return Recorder.record("sigmoid", out, new Tensor[] {x}, new Tensor[] {out}, (n, g) -> new Tensor[] {sigmoidGrad(g, n.saved(0))});
    }

    /** tanh x;  d/dx = g·(1 − tanh²). */
    public static Tensor tanh(Tensor x) {
        Tensor out = Elementwise.unary(UnaryOp.TANH, x);
        return Recorder.record("tanh", out, new Tensor[] {x}, new Tensor[] {out}, (n, g) -> new Tensor[] {tanhGrad(g, n.saved(0))});
    }

    // ---- fused derivative primitives: (g, y) → g·f'(x) written in terms of the output y

    /** g where y &gt; 0;  d/dg = gg where y &gt; 0, d/dy = 0 almost everywhere. */
    static Tensor reluGrad(Tensor g, Tensor y) {
        Tensor out = Elementwise.binary("relu_grad", BinaryOp.RELU_GRAD, g, y);
        return Recorder.record("relu_grad", out, new Tensor[] {g, y}, new Tensor[] {y}, (n, gg) -> new Tensor[] {
            n.needsGrad(0) ? reluGrad(gg, n.saved(0)) : null, null});
    }

    /** g·y(1−y);  d/dg = gg·y(1−y), d/dy = gg·g·(1−2y). */
    static Tensor sigmoidGrad(Tensor g, Tensor y) {
        Tensor out = Elementwise.binary("sigmoid_grad", BinaryOp.SIGMOID_GRAD, g, y);
        return Recorder.record("sigmoid_grad", out, new Tensor[] {g, y}, new Tensor[] {g, y}, (n, gg) -> new Tensor[] {
            n.needsGrad(0) ? sigmoidGrad(gg, n.saved(1)) : null,
            n.needsGrad(1) ? mul(mul(gg, n.saved(0)), oneMinusTwice(n.saved(1))) : null});
    }

    /** g·(1−y²);  d/dg = gg·(1−y²), d/dy = −2·gg·g·y. */
    static Tensor tanhGrad(Tensor g, Tensor y) {
        Tensor out = Elementwise.binary("tanh_grad", BinaryOp.TANH_GRAD, g, y);
        return Recorder.record("tanh_grad", out, new Tensor[] {g, y}, new Tensor[] {g, y}, (n, gg) -> new Tensor[] {
            n.needsGrad(0) ? tanhGrad(gg, n.saved(1)) : null,
            n.needsGrad(1) ? mul(mul(gg, n.saved(0)), mul(n.saved(1), Elementwise.scalarLike(gg, -2))) : null});
    }

    private static Tensor oneMinusTwice(Tensor y) {
        return ArithmeticOps.sub(Elementwise.scalarLike(y, 1), mul(y, Elementwise.scalarLike(y, 2)));
    }
}
