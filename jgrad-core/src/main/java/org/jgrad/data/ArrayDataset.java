package org.jgrad.data;

import java.util.Arrays;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * A {@link Dataset} held in arrays: n examples of d float32 features each (one row-major
 * {@code float[]} of n·d values), n integer labels in [0, numClasses) and, optionally, n
 * non-negative weights. The arrays are used as given, not copied: do not change them afterwards.
 * {@link #features} returns shape (batch, d); {@link #featureShape()} says how to reshape one row.
 */
public final class ArrayDataset implements Dataset {
    private final float[] features;
    private final int[] featureShape;
    private final int featureSize;
    private final int[] labels;
    private final int numClasses;
    private final float[] weights; // null: every example weighs 1

    private ArrayDataset(float[] features, int[] featureShape, int[] labels, int numClasses, float[] weights) {
        this.features = features;
        this.featureShape = featureShape.clone();
        this.featureSize = featureSize(featureShape);
        this.labels = labels;
        this.numClasses = numClasses;
        this.weights = weights;
        check();
    }

    /**
     * A data set over the given arrays.
     *
     * @param features     labels.length × product(featureShape) values, example after example
     * @param featureShape the shape of one example, e.g. {784} or {1, 28, 28}
     * @param labels       one class index per example, each in [0, numClasses)
     * @param numClasses   the number of classes
     */
    public static ArrayDataset of(float[] features, int[] featureShape, int[] labels, int numClasses) {
        return new ArrayDataset(features, featureShape, labels, numClasses, null);
    }

    /** The same examples, each with the given weight (one finite, non-negative value per example). */
    public ArrayDataset withWeights(float[] exampleWeights) {
        return new ArrayDataset(features, featureShape, labels, numClasses, exampleWeights);
    }

    /** The same examples without weights. */
    public ArrayDataset withoutWeights() {
        return weights == null ? this : new ArrayDataset(features, featureShape, labels, numClasses, null);
    }

    private static int featureSize(int[] shape) {
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("feature shape " + Arrays.toString(shape) + " must have positive sizes");
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("feature shape " + Arrays.toString(shape) + " is too large");
        }
        return (int) size;
    }

    private void check() {
        int n = labels.length;
        if ((long) n * featureSize != features.length) {
            throw new IllegalArgumentException(n + " labels × " + featureSize + " features per example "
                    + Arrays.toString(featureShape) + " need " + (long) n * featureSize + " feature values, got "
                    + features.length);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside [0, "
                        + numClasses + "): give the right numClasses or fix the labels");
            }
        }
        if (weights != null) {
            if (weights.length != n) {
                throw new IllegalArgumentException(weights.length + " weights given for " + n + " examples: give one per example");
            }
            for (int i = 0; i < n; i++) {
                if (!(weights[i] >= 0) || Float.isInfinite(weights[i])) {
                    throw new IllegalArgumentException("weight " + weights[i] + " of example " + i
                            + " must be finite and non-negative");
                }
            }
        }
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] featureShape() {
        return featureShape.clone();
    }

    /** Features per example: the product of {@link #featureShape()}. */
    public int featureSize() {
        return featureSize;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** The label of example i. */
    public int label(int i) {
        return labels[checkIndex(i)];
    }

    /** How many examples each class has: an array of length numClasses. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public Tensor features(int[] indices) {
        float[] out = new float[Math.multiplyExact(indices.length, featureSize)];
        for (int index : indices) {
            checkIndex(index);
        }
        // a batch of images is a few hundred KB: two threads copy it faster than one
        org.jgrad.tensor.kernel.Parallel.forRange(indices.length, Math.max(1, 16_384 / Math.max(1, featureSize)), (from, to) -> {
            for (int k = from; k < to; k++) {
                System.arraycopy(features, indices[k] * featureSize, out, k * featureSize, featureSize);
            }
        });
        return Tensor.wrap(Storage.wrap(out), indices.length, featureSize);
    }

    @Override
    public Tensor labels(int[] indices) {
        float[] out = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = labels[checkIndex(indices[k])];
        }
        return Tensor.wrap(Storage.wrap(out), indices.length);
    }

    @Override
    public boolean hasWeights() {
        return weights != null;
    }

    @Override
    public Tensor weights(int[] indices) {
        float[] out = new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            out[k] = weights == null ? 1f : weights[checkIndex(indices[k])];
        }
        return Tensor.wrap(Storage.wrap(out), indices.length);
    }

    /** A new data set of the examples at {@code indices}, in that order (copied), weights included. */
    public ArrayDataset subset(int[] indices) {
        float[] f = new float[Math.multiplyExact(indices.length, featureSize)];
        int[] l = new int[indices.length];
        float[] w = weights == null ? null : new float[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = checkIndex(indices[k]);
            System.arraycopy(features, i * featureSize, f, k * featureSize, featureSize);
            l[k] = labels[i];
            if (w != null) {
                w[k] = weights[i];
            }
        }
        return new ArrayDataset(f, featureShape, l, numClasses, w);
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= labels.length) {
            throw new IndexOutOfBoundsException("example " + i + " is outside [0, " + labels.length + ")");
        }
        return i;
    }

    @Override
    public String toString() {
        return "ArrayDataset(" + size() + " examples of shape " + Arrays.toString(featureShape) + ", " + numClasses
                + " classes" + (weights == null ? "" : ", weighted") + ")";
    }
}
