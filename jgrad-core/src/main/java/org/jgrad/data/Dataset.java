package org.jgrad.data;

import org.jgrad.tensor.Tensor;

/**
 * n labelled examples, read a batch at a time by index. Features come back flat: a float32 tensor of
 * shape (batch, d) with d the product of {@link #featureShape()}, ready for a dense layer; reshape
 * to (batch, featureShape...) for convolutions. Labels are class indices held in a float32 tensor of
 * shape (batch), as in MXNet. Optional per-example weights, e.g. importance weights for covariate
 * shift, come as a float32 tensor of shape (batch).
 */
public interface Dataset {
    /** Number of examples. */
    int size();

    /** The shape of one example, e.g. (1, 28, 28) for a grey-scale image. */
    int[] featureShape();

    /** Number of classes: every label is in [0, numClasses). */
    int numClasses();

    /** The examples at {@code indices} (each in [0, size)), in that order: shape (indices.length, d). */
    Tensor features(int[] indices);

    /** Their labels, as floats holding class indices: shape (indices.length). */
    Tensor labels(int[] indices);

    /** Whether examples carry their own weights; without, {@link #weights} gives ones. */
    boolean hasWeights();

    /** Their weights, ones when the data set has none: shape (indices.length). */
    Tensor weights(int[] indices);
}
