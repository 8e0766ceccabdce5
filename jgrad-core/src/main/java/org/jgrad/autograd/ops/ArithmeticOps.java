package org.jgrad.autograd.ops;

import static org.jgrad.autograd.ops.BroadcastOps.sumTo;

import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.UnaryOp;

/**
 * Arithmetic with NumPy broadcasting, each forward beside its derivative. A broadcast input's
 * gradient is summed back to its own shape by {@link BroadcastOps#sumTo}, the one place that does it.
 */
public final class ArithmeticOps {
    private ArithmeticOps() {
    }

    /** a + b;  d/da = g, d/db = g. */
    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary("add", BinaryOp.ADD, a, b);
        return Recorder.record("add", out, new Tensor[] {a, b}, null, (n, g) -> new Tensor[] {
            n.needsGrad(0) ? sumTo(g, n.inputShape(0)) : null,
            n.needsGrad(1) ? sumTo(g, n.inputShape(1)) : null});
    }

    /** a − b;  d/da = g, d/db = −g. */
    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary("sub", BinaryOp.SUB, a, b);
        return Recorder.record("sub", out, new Tensor[] {a, b}, null, (n, g) -> new Tensor[] {
            n.needsGrad(0) ? sumTo(g, n.inputShape(0)) : null,
            n.needsGrad(1) ? sumTo(neg(g), n.inputShape(1)) : null});
    }

    /** a · b;  d/da = g·b, d/db = g·a. */
    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary("mul", BinaryOp.MUL, a, b);
        return Recorder.record("mul", out, new Tensor[] {a, b}, new Tensor[] {a, b}, (n, g) -> new Tensor[] {
            n.needsGrad(0) ? sumTo(mul(g, n.saved(1)), n.inputShape(0)) : null,
            n.needsGrad(1) ? sumTo(mul(g, n.saved(0)), n.inputShape(1)) : null});
    }

    /** a / b;  d/da = g / b, d/db = −g·(a/b) / b. */
    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary("div", BinaryOp.DIV, a, b);
        return Recorder.record("div", out, new Tensor[] {a, b}, new Tensor[] {b, out}, (n, g) -> new Tensor[] {
            n.needsGrad(0) ? sumTo(div(g, n.saved(0)), n.inputShape(0)) : null,
            n.needsGrad(1) ? sumTo(neg(div(mul(g, n.saved(1)), n.saved(0))), n.inputShape(1)) : null});
    }

    /** −a;  d/da = −g. */
    public static Tensor neg(Tensor a) {
        Tensor out = Elementwise.unary(UnaryOp.NEG, a);
        return Recorder.record("neg", out, new Tensor[] {a}, null, (n, g) -> new Tensor[] {neg(g)});
    }

    /** a^b;  d/da = g·b·a^(b−1), d/db = g·a^b·log a. */
    public static Tensor pow(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary("pow", BinaryOp.POW, a, b);
        return Recorder.record("pow", out, new Tensor[] {a, b}, new Tensor[] {a, b, out}, (n, g) -> new Tensor[] {
            n.needsGrad(0) ? sumTo(mul(g, mul(n.saved(1), pow(n.saved(0), sub(n.saved(1), Elementwise.scalarLike(g, 1))))), n.inputShape(0)) : null,
            n.needsGrad(1) ? sumTo(mul(g, mul(n.saved(2), UnaryMathOps.log(n.saved(0)))), n.inputShape(1)) : null});
    }

    /** max(a, b);  the gradient goes to the larger input, split evenly on ties. */
    public static Tensor maximum(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary("maximum", BinaryOp.MAX, a, b);
        return Recorder.record("maximum", out, new Tensor[] {a, b}, new Tensor[] {a, b}, (n, g) -> selectGrads(n, g, BinaryOp.GT));
    }

    /** min(a, b);  the gradient goes to the smaller input, split evenly on ties. */
    public static Tensor minimum(Tensor a, Tensor b) {
        Tensor out = Elementwise.binary("minimum", BinaryOp.MIN, a, b);
        return Recorder.record("minimum", out, new Tensor[] {a, b}, new Tensor[] {a, b}, (n, g) -> selectGrads(n, g, BinaryOp.LT));
    }

    private static Tensor[] selectGrads(org.jgrad.autograd.Node n, Tensor g, BinaryOp wins) {
        Tensor a = n.saved(0);
        Tensor b = n.saved(1);
        Tensor half = mul(Elementwise.binary("eq", BinaryOp.EQ, a, b), Elementwise.scalarLike(a, 0.5));
        Tensor toA = add(Elementwise.binary("cmp", wins, a, b), half);
        Tensor toB = add(Elementwise.binary("cmp", wins, b, a), half);
        return new Tensor[] {
            n.needsGrad(0) ? sumTo(mul(g, toA), n.inputShape(0)) : null,
            n.needsGrad(1) ? sumTo(mul(g, toB), n.inputShape(1)) : null};
    }

    /** A 0/1 mask of op(a, b) (gt, ge, lt, le, eq, ne); not differentiable, never recorded. */
    public static Tensor compare(String name, BinaryOp op, Tensor a, Tensor b) {
        return Elementwise.binary(name, op, a, b);
    }
}
