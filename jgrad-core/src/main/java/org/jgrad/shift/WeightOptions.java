package org.jgrad.shift;

/**
 * How raw importance weights β are tamed before training: first clipped at {@code maxWeight}
 * (a few huge weights would otherwise dominate the loss and the variance), then, if
 * {@code normalize}, divided by their mean so they average 1 and the loss keeps its scale.
 *
 * @param maxWeight the largest β kept, applied before normalization; +∞ for no clipping
 * @param normalize whether to rescale the weights to mean 1
 */
public record WeightOptions(double maxWeight, boolean normalize) {
    /** Clip at 10, normalize to mean 1. */
    public static final WeightOptions DEFAULT = new WeightOptions(10, true);
    /** The ratio as estimated: no clipping, no normalization. */
    public static final WeightOptions RAW = new WeightOptions(Double.POSITIVE_INFINITY, false);

    public WeightOptions {
        if (!(maxWeight > 0)) {
            throw new IllegalArgumentException("WeightOptions: maxWeight must be positive (or +∞ for no clipping), got "
                    + maxWeight);
        }
    }

    /** These options with another clipping threshold. */
    public WeightOptions withMaxWeight(double max) {
        return new WeightOptions(max, normalize);
    }
}
