package org.jgrad.init;

import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * Fills a parameter's values, as {@code mxnet.initializer} does: {@link #initWeight} for weights,
 * zeros for biases (override {@link #initBias} to change that). All draws come from the given
 * seeded {@link Rng}. Fans follow MXNet: for a shape (out, in, k1, k2, …),
 * fan_in = in·k1·k2·…, fan_out = out·k1·k2·….
 */
public interface Initializer {

    /** The parameter being initialized: its hierarchical name and kind. */
    record Target(String name, ParamKind kind) {
    }

    /** Dispatches on the parameter's kind. */
    default void initialize(Target target, Tensor data, Rng rng) {
        if (target.kind() == ParamKind.BIAS) {
            initBias(target, data, rng);
        } else {
            initWeight(target, data, rng);
        }
    }

    void initWeight(Target target, Tensor data, Rng rng);

    default void initBias(Target target, Tensor data, Rng rng) {
        data.storage().fill(0);
    }

    /** fan_in of a weight shape; an error for shapes with fewer than two axes. */
    static double fanIn(String initializer, Target target, int[] shape) {
        requireMatrix(initializer, target, shape);
        return shape[1] * receptiveField(shape);
    }

    /** fan_out of a weight shape. */
    static double fanOut(String initializer, Target target, int[] shape) {
        requireMatrix(initializer, target, shape);
        return shape[0] * receptiveField(shape);
    }

    private static double receptiveField(int[] shape) {
        double r = 1;
        for (int i = 2; i < shape.length; i++) {
            r *= shape[i];
        }
        return r;
    }

    private static void requireMatrix(String initializer, Target target, int[] shape) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(initializer + " needs a parameter with at least 2 axes to compute fans, but '"
                    + target.name() + "' has shape " + Shapes.toString(shape));
        }
    }
}
