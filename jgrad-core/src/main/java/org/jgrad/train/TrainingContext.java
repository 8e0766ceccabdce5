package org.jgrad.train;

import org.jgrad.nn.Module;
import org.jgrad.optim.Optimizer;

/** What listeners may look at during a run: the model, the optimizer and the run's size. */
public record TrainingContext(Module model, Optimizer optimizer, int epochs, int batchesPerEpoch, int firstEpoch) {
}
