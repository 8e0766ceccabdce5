package org.jgrad.init;

import java.util.Locale;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * MXNet's Xavier: scale = √(magnitude / factor), factor = (fan_in + fan_out)/2 ("avg"), fan_in
 * ("in") or fan_out ("out"); weights ~ U(−scale, scale) or N(0, scale²). The chapter's two forms:
 * gaussian/avg/magnitude 1 has variance 2/(n_in + n_out); uniform/avg/magnitude 3 is
 * U[−a, a] with a = √(6/(n_in + n_out)) (the default).
 */
public final class Xavier implements Initializer {

    public enum RandomType { UNIFORM, GAUSSIAN }

    public enum FactorType { AVG, IN, OUT }

    private final RandomType rndType;
    private final FactorType factorType;
    private final double magnitude;

    /** MXNet's defaults: uniform, avg, magnitude 3. */
    public Xavier() {
        this(RandomType.UNIFORM, FactorType.AVG, 3);
    }

    public Xavier(RandomType rndType, FactorType factorType, double magnitude) {
        this.rndType = rndType;
        this.factorType = factorType;
        this.magnitude = magnitude;
    }

    /** The chapter's Gaussian form: N(0, 2/(n_in + n_out)). */
    public static Xavier gaussian() {
        return new Xavier(RandomType.GAUSSIAN, FactorType.AVG, 1);
    }

    /** The chapter's uniform form: U[−√(6/(n_in + n_out)), √(6/(n_in + n_out))]. */
    public static Xavier uniform() {
        return new Xavier();
    }

    /** The scale for a weight shape: the half-width (uniform) or standard deviation (gaussian). */
    public double scale(Target target, int[] shape) {
        double in = Initializer.fanIn("Xavier", target, shape);
        double out = Initializer.fanOut("Xavier", target, shape);
        double factor = factorType == FactorType.AVG ? (in + out) / 2 : factorType == FactorType.IN ? in : out;
        return Math.sqrt(magnitude / factor);
    }

    @Override
    public void initWeight(Target target, Tensor data, Rng rng) {
        double scale = scale(target, data.shape());
        if (rndType == RandomType.UNIFORM) {
            Fill.uniform(data, rng, -scale, scale);
        } else {
            Fill.normal(data, rng, scale);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Xavier(%s, %s, magnitude=%s)", rndType.name().toLowerCase(Locale.ROOT),
                factorType.name().toLowerCase(Locale.ROOT), magnitude);
    }
}
