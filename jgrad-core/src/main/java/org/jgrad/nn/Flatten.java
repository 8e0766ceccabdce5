package org.jgrad.nn;

import org.jgrad.tensor.Tensor;

/** (batch, d1, d2, …) → (batch, d1·d2·…), as Gluon's Flatten. */
public final class Flatten extends Module {
    @Override
    protected Tensor compute(Tensor x) {
        if (x.rank() == 0) {
            throw new IllegalArgumentException("Flatten: needs a batch axis, got a scalar");
        }
        return x.reshape(x.shape()[0], -1);
    }
}
