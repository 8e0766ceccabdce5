package org.jgrad.train;

import org.jgrad.nn.Module;
import org.jgrad.optim.Optimizer;

/**
 * One training step: where it is in the run, the batch's mean loss and size, and time spent in
 * the epoch so far (for progress and throughput).
 */
public record StepInfo(int epoch, int epochs, long globalStep, int batch, int batchesPerEpoch, int batchSize,
                       double loss, long epochNanos, long epochSamples, Module model, Optimizer optimizer) {

    /** Samples per second over the epoch so far. */
    public double samplesPerSecond() {
        return epochNanos == 0 ? 0 : epochSamples * 1e9 / epochNanos;
    }
}
