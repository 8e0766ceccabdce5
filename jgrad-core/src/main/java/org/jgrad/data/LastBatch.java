package org.jgrad.data;

/**
 * What a {@link DataLoader} does with the examples left over when the batch size does not divide
 * the data set (Gluon's {@code last_batch}).
 */
public enum LastBatch {
    /** Yield them as a smaller last batch. */
    KEEP,
    /** Drop them: every batch is full; the dropped examples change from epoch to epoch when shuffling. */
    DISCARD,
    /** Hold them back and put them at the front of the next epoch, so every batch is full and none is lost. */
    ROLLOVER
}
