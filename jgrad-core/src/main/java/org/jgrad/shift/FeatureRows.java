package org.jgrad.shift;

import org.jgrad.data.Dataset;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/** n examples of d float features, row after row: what the shift tools read from a tensor or a data set. */
record FeatureRows(float[] values, int rows, int columns) {

    /** The rows of a (n, d) tensor; {@code what} names the set in errors ("source", "target"). */
    static FeatureRows of(Tensor features, String what) {
        if (features == null) {
            throw new IllegalArgumentException("the " + what + " features are null");
        }
        if (features.rank() != 2) {
            throw new IllegalArgumentException("the " + what + " features have shape " + Shapes.toString(features.shape())
                    + "; expected (examples, features): flatten each example to one row");
        }
        float[] v = features.dtype() == DType.FLOAT32 ? features.toFloatArray() : features.astype(DType.FLOAT32).toFloatArray();
        return new FeatureRows(v, features.shape()[0], features.shape()[1]);
    }

    /** Every example of a data set, flat. */
    static FeatureRows of(Dataset data, String what) {
        if (data == null) {
            throw new IllegalArgumentException("the " + what + " data set is null");
        }
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        int d = 1;
        for (int s : data.featureShape()) {
            d *= s;
        }
        if (all.length == 0) {
            return new FeatureRows(new float[0], 0, d);
        }
        return of(data.features(all), what);
    }

    /** The given rows as a (rows.length, d) tensor, each feature mapped through {@code scaler}. */
    Tensor select(int[] rowIndices, Standardizer scaler) {
        float[] out = new float[rowIndices.length * columns];
        for (int k = 0; k < rowIndices.length; k++) {
            System.arraycopy(values, rowIndices[k] * columns, out, k * columns, columns);
        }
        if (scaler != null) {
            scaler.applyInPlace(out);
        }
        return Tensor.wrap(Storage.wrap(out), rowIndices.length, columns);
    }

    /** Checks that source and target can be compared: both non-empty, with the same number of features. */
    static void checkPair(FeatureRows source, FeatureRows target, int minimumPerSet) {
        if (source.columns != target.columns) {
            throw new IllegalArgumentException("source examples have " + source.columns + " features but target examples have "
                    + target.columns + ": both sets must describe examples with the same features");
        }
        check(source, "source", minimumPerSet);
        check(target, "target", minimumPerSet);
    }

    private static void check(FeatureRows rows, String what, int minimum) {
        if (rows.rows == 0) {
            throw new IllegalArgumentException("the " + what + " set is empty: give at least " + minimum + " examples");
        }
        if (rows.rows < minimum) {
            throw new IllegalArgumentException("the " + what + " set has " + rows.rows + (rows.rows == 1 ? " example" : " examples") + "; at least " + minimum
                    + " are needed (one per fold); use fewer folds or more data");
        }
        for (int i = 0; i < rows.values.length; i++) {
            if (!Float.isFinite(rows.values[i])) {
                throw new IllegalArgumentException("the " + what + " set has a non-finite value " + rows.values[i]
                        + " at example " + i / rows.columns + ", feature " + i % rows.columns);
            }
        }
    }
}
