package org.jgrad.loss;

import org.jgrad.tensor.Tensor;

/**
 * Gluon's HuberLoss: with d = |prediction − label|, d²/(2ρ) where d &lt; ρ and d − ρ/2 beyond,
 * averaged over non-batch axes. Quadratic near zero, linear in the tails (ρ = 1 by default).
 */
public final class HuberLoss implements Loss {
    private final double rho;

    public HuberLoss() {
        this(1);
    }

    public HuberLoss(double rho) {
        if (!(rho > 0)) {
            throw new IllegalArgumentException("HuberLoss: rho must be positive, got " + rho);
        }
        this.rho = rho;
    }

    @Override
    public Tensor perExample(Tensor prediction, Tensor label, Tensor weights) {
        Loss.sameShape("HuberLoss", prediction, label);
        Tensor d = prediction.sub(label).abs();
        // min(d, ρ) carries the quadratic part, the rest is linear: q²/(2ρ) + (d − q)
        Tensor q = d.minimum(rho);
        Tensor l = q.square().mul(0.5 / rho).add(d.sub(q));
        return Loss.weighted("HuberLoss", Loss.meanOverFeatures(l), weights);
    }
}
