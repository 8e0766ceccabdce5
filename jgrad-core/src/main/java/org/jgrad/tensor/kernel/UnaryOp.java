package org.jgrad.tensor.kernel;

/** Element-wise functions of one argument that kernels implement. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, SIGN, RELU, SIGMOID, TANH;

    /** The reference definition, in double precision. */
    public double apply(double x) {
        switch (this) {
            case NEG: return -x;
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            case RELU: return x > 0 ? x : (x <= 0 ? 0.0 : x); // NaN stays NaN
            case SIGMOID: return sigmoid(x);
            case TANH: return Math.tanh(x);
            default: throw new AssertionError(this);
        }
    }

    /** Logistic function without overflow: exp is only ever taken of a non-positive number. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
