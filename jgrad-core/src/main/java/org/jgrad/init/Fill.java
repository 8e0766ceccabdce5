package org.jgrad.init;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/** Draws into a tensor's storage in place. */
final class Fill {
    private Fill() {
    }

    static void uniform(Tensor t, Rng rng, double low, double high) {
        Storage s = t.storage();
        for (int i = 0; i < s.length(); i++) {
            s.set(i, low + (high - low) * rng.nextDouble());
        }
    }

    static void normal(Tensor t, Rng rng, double sigma) {
        Storage s = t.storage();
        for (int i = 0; i < s.length(); i++) {
            s.set(i, sigma * rng.nextGaussian());
        }
    }
}
