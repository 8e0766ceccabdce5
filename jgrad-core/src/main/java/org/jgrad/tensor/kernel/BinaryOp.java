package org.jgrad.tensor.kernel;

/**
 * Element-wise functions of two arguments, broadcast by the kernels. The {@code *_GRAD} entries are
 * fused backward rules: they take the incoming gradient {@code g} and the op's saved output
 * {@code y} and do in one pass what would otherwise be several.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN,
    GT, GE, LT, LE, EQ, NE,
    /** g where y &gt; 0, else 0 (relu's derivative). */
    RELU_GRAD,
    /** g·y·(1−y) (sigmoid's derivative, in terms of its output). */
    SIGMOID_GRAD,
    /** g·(1−y²) (tanh's derivative, in terms of its output). */
    TANH_GRAD;

    /** The reference definition, in double precision. */
    public double apply(double a, double b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case POW: return Math.pow(a, b);
            case MAX: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
            case MIN: return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
            case GT: return a > b ? 1 : 0;
            case GE: return a >= b ? 1 : 0;
            case LT: return a < b ? 1 : 0;
            case LE: return a <= b ? 1 : 0;
            case EQ: return a == b ? 1 : 0;
            case NE: return a != b ? 1 : 0;
            case RELU_GRAD: return b > 0 ? a : 0;
            case SIGMOID_GRAD: return a * b * (1 - b);
            case TANH_GRAD: return a * (1 - b * b);
            default: throw new AssertionError(this);
        }
    }
}
