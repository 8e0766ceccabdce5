package org.jgrad.init;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/** Weights ~ U(−scale, scale); MXNet's default initializer, with scale 0.07. */
public final class Uniform implements Initializer {
    private final double scale;

    public Uniform() {
        this(0.07);
    }

    public Uniform(double scale) {
        this.scale = scale;
    }

    @Override
    public void initWeight(Target target, Tensor data, Rng rng) {
        Fill.uniform(data, rng, -scale, scale);
    }

    @Override
    public String toString() {
        return "Uniform(" + scale + ")";
    }
}
