package org.jgrad.data;

import org.jgrad.tensor.Tensor;

/**
 * One mini-batch from a {@link DataLoader}.
 *
 * @param features float32, shape (size, d): one flat example per row
 * @param labels   float32, shape (size): class indices
 * @param weights  float32, shape (size), or null when the data set has no per-example weights
 * @param indices  the data set positions of the rows, in order
 */
public record Batch(Tensor features, Tensor labels, Tensor weights, int[] indices) {
    /** Number of examples in the batch. */
    public int size() {
        return indices.length;
    }
}
