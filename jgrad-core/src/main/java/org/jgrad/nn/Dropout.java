package org.jgrad.nn;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * Inverted dropout: in training mode each value is zeroed with probability p and the rest scaled
 * by 1/(1−p); in evaluation mode the identity. Masks come from the module's own seeded generator.
 */
public final class Dropout extends Module {
    private final double p;
    private final Rng rng;

    /** Dropout with seed 0. */
    public Dropout(double p) {
        this(p, 0);
    }

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = new Rng(seed);
    }

    @Override
    protected Tensor compute(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        Tensor mask = Tensor.zeros(x.dtype(), x.shape());
        Storage m = mask.storage();
        double keep = 1.0 / (1 - p);
        for (int i = 0; i < m.length(); i++) {
            if (rng.nextDouble() >= p) {
                m.set(i, keep);
            }
        }
        return x.mul(mask);
    }

    @Override
    public String describe() {
        return "Dropout(p=" + p + ")";
    }
}
