package org.jgrad.init;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * MXNet's MSRAPrelu (He/Kaiming initialization): Gaussian Xavier with magnitude 2/(1 + slope²),
 * slope being the PReLU/leaky slope (0 for ReLU). {@link #he()} is PyTorch's
 * {@code kaiming_normal_(mode='fan_in', nonlinearity='relu')}: N(0, 2/fan_in).
 */
public final class MsraPrelu implements Initializer {
    private final Xavier.FactorType factorType;
    private final double slope;
    private final Xavier xavier;

    /** MXNet's defaults: factor avg, slope 0.25. */
    public MsraPrelu() {
        this(Xavier.FactorType.AVG, 0.25);
    }

    public MsraPrelu(Xavier.FactorType factorType, double slope) {
        this.factorType = factorType;
        this.slope = slope;
        this.xavier = new Xavier(Xavier.RandomType.GAUSSIAN, factorType, 2 / (1 + slope * slope));
    }

    /** He (Kaiming) initialization for ReLU networks: N(0, 2/fan_in). */
    public static MsraPrelu he() {
        return new MsraPrelu(Xavier.FactorType.IN, 0);
    }

    @Override
    public void initWeight(Target target, Tensor data, Rng rng) {
        xavier.initWeight(target, data, rng);
    }

    @Override
    public String toString() {
        return "MSRAPrelu(" + factorType.name().toLowerCase(java.util.Locale.ROOT) + ", slope=" + slope + ")";
    }
}
