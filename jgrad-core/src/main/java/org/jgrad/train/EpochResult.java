package org.jgrad.train;

import java.util.Locale;

/**
 * The figures of one epoch: mean training loss and running training accuracy (over the epoch's
 * batches, as D2L reports them), test loss and accuracy (NaN without a test set), training
 * throughput, wall time of the training part and garbage-collection time during it.
 */
public record EpochResult(int epoch, int epochs, double trainLoss, double trainAccuracy, double testLoss,
                          double testAccuracy, double samplesPerSecond, double trainSeconds, long gcMillis) {

    /** One line, e.g. {@code epoch 3/10  loss 0.4123  train acc 0.8512  test acc 0.8433  61200 samples/s}. */
    public String line() {
        return String.format(Locale.ROOT, "epoch %d/%d  loss %.4f  train acc %.4f  test acc %s  %.0f samples/s",
                epoch, epochs, trainLoss, trainAccuracy, Double.isNaN(testAccuracy) ? "-" : String.format(Locale.ROOT, "%.4f", testAccuracy),
                samplesPerSecond);
    }
}
