package org.jgrad.nn;

import java.util.Locale;
import org.jgrad.autograd.ops.LinalgOps;
import org.jgrad.init.Constant;
import org.jgrad.init.ParamKind;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * A fully connected layer, Gluon's Dense: y = x·Wᵀ + b for x of shape (…, in), W of shape
 * (out, in), b of shape (out). The input size may be left out: it is then inferred on the first
 * forward pass (deferred initialization, as {@code nn.Dense(256)}).
 */
public final class Linear extends Module {
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /** out units, input size inferred on the first forward, with bias. */
    public Linear(int outFeatures) {
        this(outFeatures, 0, true, DType.FLOAT32);
    }

    public Linear(int outFeatures, int inFeatures) {
        this(outFeatures, inFeatures, true, DType.FLOAT32);
    }

    /** inFeatures 0 means "infer on the first forward". */
    public Linear(int outFeatures, int inFeatures, boolean useBias, DType dtype) {
        if (outFeatures <= 0 || inFeatures < 0) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got out=" + outFeatures + ", in=" + inFeatures);
        }
        this.outFeatures = outFeatures;
        this.weight = addParameter("weight", new Parameter(ParamKind.WEIGHT, dtype, null, outFeatures, inFeatures));
        this.bias = useBias ? addParameter("bias", new Parameter(ParamKind.BIAS, dtype, Constant.zero(), outFeatures)) : null;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    protected Tensor compute(Tensor x) {
        return apply(x, false);
    }

    /** relu(this layer's output) as one op (see Note [Linear and ReLU fused] in Sequential); no hooks run. */
    Tensor computeWithRelu(Tensor x) {
        return apply(x, true);
    }

    private Tensor apply(Tensor x, boolean relu) {
        int[] xs = x.shape();
        if (xs.length == 0) {
            throw new IllegalArgumentException("Linear: needs an input with at least one axis, got a scalar");
        }
        int in = xs[xs.length - 1];
        if (!weight.isInitialized()) {
            weight.finishDeferred(outFeatures, in);
        }
        int expected = weight.shape()[1];
        if (in != expected) {
            throw new IllegalArgumentException("Linear(" + expected + " → " + outFeatures + ") '" + weight.name()
                    + "': input of shape " + Shapes.toString(xs) + " has " + in + " features, expected " + expected);
        }
        Tensor flat = xs.length == 2 ? x : x.reshape(-1, in);
        Tensor b = bias == null ? null : bias.data();
        Tensor y = relu ? LinalgOps.linearRelu(flat, weight.data(), b) : LinalgOps.linear(flat, weight.data(), b);
        if (xs.length != 2) {
            int[] outShape = xs.clone();
            outShape[xs.length - 1] = outFeatures;
            y = y.reshape(outShape);
        }
        return y;
    }

    @Override
    public String describe() {
        int in = weight.shape()[1];
        return String.format(Locale.ROOT, "Linear(%s → %d%s)", in == 0 ? "?" : Integer.toString(in), outFeatures,
                bias == null ? ", no bias" : "");
    }
}
