package org.jgrad.train;

/**
 * Receives the events of a {@link Trainer} run: progress bars, logs, checkpoints and diagnostics
 * plug in here; the trainer knows none of them. Every method has an empty default.
 */
public interface TrainingListener {

    /** Before the first epoch; the model is initialized and the optimizer exists. */
    default void onTrainStart(TrainingContext context) {
    }

    default void onEpochStart(int epoch, int epochs) {
    }

    /** After backward, before clipping and the optimizer step: gradients are fresh. */
    default void afterBackward(StepInfo step) {
    }

    /** After the optimizer step: parameters hold their new values. */
    default void afterStep(StepInfo step) {
    }

    /** After the epoch's evaluation. */
    default void onEpochEnd(EpochResult result) {
    }

    default void onTrainEnd(History history) {
    }
}
