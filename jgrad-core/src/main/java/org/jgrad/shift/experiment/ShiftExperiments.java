package org.jgrad.shift.experiment;

import org.jgrad.data.FashionMnist;

/**
 * The distribution-shift experiments in one place, each returning a record of every figure (and
 * the per-example arrays a plot needs). Every run is reproducible from its seed.
 *
 * <pre>{@code
 * System.out.println(ShiftExperiments.gaussianCovariateShift(1).summary());
 * FashionMnist data = FashionMnist.load();
 * System.out.println(ShiftExperiments.fashionMnistCovariateShift(data, 1).summary());
 * System.out.println(ShiftExperiments.fashionMnistLabelShift(data, 1).summary());
 * }</pre>
 */
public final class ShiftExperiments {
    private ShiftExperiments() {
    }

    /** Two Gaussians with a closed-form β and a misspecified linear classifier: {@link GaussianCovariateShift}. */
    public static GaussianCovariateShift.Report gaussianCovariateShift(long seed) {
        return GaussianCovariateShift.run(seed);
    }

    /** Fashion-MNIST with source and target selected by brightness: {@link FashionMnistCovariateShift}. */
    public static FashionMnistCovariateShift.Report fashionMnistCovariateShift(FashionMnist data, long seed) {
        return FashionMnistCovariateShift.run(data, seed);
    }

    /** Fashion-MNIST with a chosen target label mix, estimated by BBSE: {@link FashionMnistLabelShift}. */
    public static FashionMnistLabelShift.Report fashionMnistLabelShift(FashionMnist data, long seed) {
        return FashionMnistLabelShift.run(data, seed);
    }
}
