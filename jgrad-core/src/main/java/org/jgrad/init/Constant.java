package org.jgrad.init;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * Every weight set to one value (MXNet's Constant; {@link #zero()} and {@link #one()} are its
 * Zero and One). Identical weights leave the hidden units of a layer symmetric, which is the
 * chapter's point about why initialization must be random.
 */
public final class Constant implements Initializer {
    private final double value;

    public Constant(double value) {
        this.value = value;
    }

    public static Constant zero() {
        return new Constant(0);
    }

    public static Constant one() {
        return new Constant(1);
    }

    @Override
    public void initWeight(Target target, Tensor data, Rng rng) {
        data.storage().fill(value);
    }

    @Override
    public String toString() {
        return "Constant(" + value + ")";
    }
}
