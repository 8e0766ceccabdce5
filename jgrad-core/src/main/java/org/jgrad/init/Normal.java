package org.jgrad.init;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/** Weights ~ N(0, σ²); MXNet's Normal, σ = 0.01 by default. */
public final class Normal implements Initializer {
    private final double sigma;

    public Normal() {
        this(0.01);
    }

    public Normal(double sigma) {
        this.sigma = sigma;
    }

    @Override
    public void initWeight(Target target, Tensor data, Rng rng) {
        Fill.normal(data, rng, sigma);
    }

    @Override
    public String toString() {
        return "Normal(" + sigma + ")";
    }
}
