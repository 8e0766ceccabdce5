package org.jgrad.nn;

import java.util.function.UnaryOperator;
import org.jgrad.tensor.Tensor;

/**
 * An element-wise nonlinearity as a module. The usual ones are named factories: ReLU, Sigmoid,
 * Tanh, LeakyReLU and GELU (tanh approximation, PyTorch's {@code approximate='tanh'}).
 */
public final class Activation extends Module {
    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    private final String name;
    private final UnaryOperator<Tensor> f;
    private final boolean relu;

    public Activation(String name, UnaryOperator<Tensor> f) {
        this(name, f, false);
    }

    private Activation(String name, UnaryOperator<Tensor> f, boolean relu) {
        this.name = name;
        this.f = f;
        this.relu = relu;
    }

    public static Activation relu() {
        return new Activation("ReLU", Tensor::relu, true);
    }

    public static Activation sigmoid() {
        return new Activation("Sigmoid", Tensor::sigmoid);
    }

    public static Activation tanh() {
        return new Activation("Tanh", Tensor::tanh);
    }

    /** max(x, αx) for a slope 0 ≤ α &lt; 1. */
    public static Activation leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be in [0, 1), got " + alpha);
        }
        return new Activation("LeakyReLU(" + alpha + ")", x -> x.maximum(x.mul(alpha)));
    }

    /** ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
    public static Activation gelu() {
        return new Activation("GELU", x -> x.mul(0.5).mul(x.add(x.pow(3).mul(0.044715)).mul(GELU_C).tanh().add(1)));
    }

    /** By name: relu, sigmoid, tanh, leaky_relu (slope 0.01), gelu. */
    public static Activation byName(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "relu": return relu();
            case "sigmoid": return sigmoid();
            case "tanh": return tanh();
            case "leaky_relu": case "leakyrelu": return leakyRelu(0.01);
            case "gelu": return gelu();
            default: throw new IllegalArgumentException("unknown activation '" + name
                    + "': use relu, sigmoid, tanh, leaky_relu or gelu");
        }
    }

    /** The activation's name, e.g. ReLU. */
    public String activationName() {
        return name;
    }

    /** Whether this is {@link #relu()}, which a Sequential may fuse into the Linear before it. */
    boolean isRelu() {
        return relu;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return f.apply(x);
    }

    @Override
    public String describe() {
        return name;
    }
}
