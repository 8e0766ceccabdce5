package org.jgrad.loss;

import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * A loss function, as Gluon's: {@link #perExample} returns one value per example, shape (batch,),
 * averaged over any other axes; optional sample weights (shape (batch,)) multiply it, which is how
 * importance weighting for distribution shift enters training. {@link #mean} is what training
 * minimizes.
 */
public interface Loss {

    /** Loss per example; weights may be null. */
    Tensor perExample(Tensor prediction, Tensor label, Tensor weights);

    default Tensor perExample(Tensor prediction, Tensor label) {
        return perExample(prediction, label, null);
    }

    /** Mean over the batch of the (weighted) per-example loss: a scalar. */
    default Tensor mean(Tensor prediction, Tensor label, Tensor weights) {
        return perExample(prediction, label, weights).mean();
    }

    default Tensor mean(Tensor prediction, Tensor label) {
        return mean(prediction, label, null);
    }

    /** Multiplies per-example losses by weights of shape (batch,), checking the shape. */
    static Tensor weighted(String loss, Tensor perExample, Tensor weights) {
        if (weights == null) {
            return perExample;
        }
        if (weights.rank() != 1 || weights.shape()[0] != perExample.shape()[0]) {
            throw new IllegalArgumentException(loss + ": sample weights of shape " + Shapes.toString(weights.shape())
                    + " do not match a batch of " + perExample.shape()[0] + "; expected (" + perExample.shape()[0] + ",)");
        }
        return perExample.mul(weights.astype(perExample.dtype()));
    }

    /** Averages a (batch, …) tensor over every axis but the first. */
    static Tensor meanOverFeatures(Tensor t) {
        if (t.rank() <= 1) {
            return t;
        }
        int[] axes = new int[t.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return t.mean(axes);
    }

    static void sameShape(String loss, Tensor prediction, Tensor label) {
        if (!java.util.Arrays.equals(prediction.shape(), label.shape())) {
            throw new IllegalArgumentException(loss + ": prediction of shape " + Shapes.toString(prediction.shape())
                    + " and label of shape " + Shapes.toString(label.shape()) + " must have the same shape");
        }
    }
}
