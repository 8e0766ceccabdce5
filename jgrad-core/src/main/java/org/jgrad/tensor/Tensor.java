package org.jgrad.tensor;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.AutogradMeta;
import org.jgrad.autograd.GradReq;
import org.jgrad.autograd.Node;
import org.jgrad.autograd.ops.ArithmeticOps;
import org.jgrad.autograd.ops.BroadcastOps;
import org.jgrad.autograd.ops.CastOps;
import org.jgrad.autograd.ops.IndexOps;
import org.jgrad.autograd.ops.LinalgOps;
import org.jgrad.autograd.ops.ReductionOps;
import org.jgrad.autograd.ops.ShapeOps;
import org.jgrad.autograd.ops.SoftmaxOps;
import org.jgrad.autograd.ops.UnaryMathOps;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.Storage;

/**
 * An n-dimensional array of float32 or float64 values, row-major, that can take part in
 * reverse-mode automatic differentiation. Ops return new tensors; inside {@link Autograd#record()}
 * each op on a tensor that needs a gradient also adds a node to the computational graph, and
 * {@link #backward()} walks it back. Binary ops broadcast as NumPy does; mixing dtypes is an error
 * (convert with {@link #astype}). A thin handle: the maths lives in {@code org.jgrad.autograd.ops},
 * the loops in the kernels.
 */
public final class Tensor {
    private final Storage data;
    private final int[] shape;
    private final AutogradMeta autograd = new AutogradMeta();

    private Tensor(Storage data, int[] shape) {
        if (Shapes.size(shape) != data.length()) {
            throw new IllegalArgumentException("shape " + Shapes.toString(shape) + " needs " + Shapes.size(shape)
                    + " values but " + data.length() + " were given");
        }
        this.data = data;
        this.shape = shape;
    }

    // ------------------------------------------------------------------ creation

    /** A float32 tensor of the given values (1-D when no shape is given). The array is copied. */
    public static Tensor of(float[] values, int... shape) {
        return new Tensor(Storage.wrap(values.clone()), shape.length == 0 ? new int[] {values.length} : shape.clone());
    }

    /** A float64 tensor of the given values (1-D when no shape is given). The array is copied. */
    public static Tensor of(double[] values, int... shape) {
        return new Tensor(Storage.wrap(values.clone()), shape.length == 0 ? new int[] {values.length} : shape.clone());
    }

    /** A tensor over existing storage, sharing it (no copy); for ops and kernels. */
    public static Tensor wrap(Storage storage, int... shape) {
        return new Tensor(storage, shape.clone());
    }

    /** A 0-d float32 tensor. */
    public static Tensor scalar(double value) {
        return scalar(value, DType.FLOAT32);
    }

    /** A 0-d tensor of the given dtype. */
    public static Tensor scalar(double value, DType dtype) {
        Storage s = Storage.allocate(dtype, 1);
        s.set(0, value);
        return new Tensor(s, new int[0]);
    }

    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return new Tensor(Storage.allocate(dtype, Shapes.size(shape)), shape.clone());
    }

    public static Tensor ones(int... shape) {
        return full(1, DType.FLOAT32, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(1, dtype, shape);
    }

    public static Tensor full(double value, int... shape) {
        return full(value, DType.FLOAT32, shape);
    }

    public static Tensor full(double value, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        t.data.fill(value);
        return t;
    }

    /** 0, 1, …, n−1 as float32. */
    public static Tensor arange(int n) {
        return arange(0, n, 1, DType.FLOAT32);
    }

    /** start, start+step, … while below stop (above, for a negative step), as NumPy's arange. */
    public static Tensor arange(double start, double stop, double step, DType dtype) {
        if (step == 0 || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: step must be finite and non-zero, got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        Tensor t = zeros(dtype, n);
        for (int i = 0; i < n; i++) {
            t.data.set(i, start + i * step);
        }
        return t;
    }

    /** The n×n identity, float32. */
    public static Tensor eye(int n) {
        return eye(n, DType.FLOAT32);
    }

    public static Tensor eye(int n, DType dtype) {
        Tensor t = zeros(dtype, n, n);
        for (int i = 0; i < n; i++) {
            t.data.set(i * n + i, 1);
        }
        return t;
    }

    /** Uniform in [low, high), float32, drawn from rng. */
    public static Tensor randomUniform(Rng rng, double low, double high, int... shape) {
        return randomUniform(rng, low, high, DType.FLOAT32, shape);
    }

    public static Tensor randomUniform(Rng rng, double low, double high, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.data.set(i, low + (high - low) * rng.nextDouble());
        }
        return t;
    }

    /** Normal with the given mean and standard deviation, float32, drawn from rng. */
    public static Tensor randomNormal(Rng rng, double mean, double std, int... shape) {
        return randomNormal(rng, mean, std, DType.FLOAT32, shape);
    }

    public static Tensor randomNormal(Rng rng, double mean, double std, DType dtype, int... shape) {
        Tensor t = zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.data.set(i, mean + std * rng.nextGaussian());
        }
        return t;
    }

    public static Tensor zerosLike(Tensor t) {
        return zeros(t.dtype(), t.shape);
    }

    public static Tensor onesLike(Tensor t) {
        return ones(t.dtype(), t.shape);
    }

    // ------------------------------------------------------------------ properties

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int size() {
        return data.length();
    }

    public DType dtype() {
        return data.dtype();
    }

    /** The values, shared (not a copy): for kernels, optimizers and serialization. */
    public Storage storage() {
        return data;
    }

    // ------------------------------------------------------------------ element-wise

    public Tensor add(Tensor other) {
        return ArithmeticOps.add(this, other);
    }

    public Tensor add(double v) {
        return ArithmeticOps.add(this, scalar(v, dtype()));
    }

    public Tensor sub(Tensor other) {
        return ArithmeticOps.sub(this, other);
    }

    public Tensor sub(double v) {
        return ArithmeticOps.sub(this, scalar(v, dtype()));
    }

    public Tensor mul(Tensor other) {
        return ArithmeticOps.mul(this, other);
    }

    public Tensor mul(double v) {
        return ArithmeticOps.mul(this, scalar(v, dtype()));
    }

    public Tensor div(Tensor other) {
        return ArithmeticOps.div(this, other);
    }

    public Tensor div(double v) {
        return ArithmeticOps.div(this, scalar(v, dtype()));
    }

    public Tensor neg() {
        return ArithmeticOps.neg(this);
    }

    public Tensor pow(double exponent) {
        return ArithmeticOps.pow(this, scalar(exponent, dtype()));
    }

    public Tensor pow(Tensor exponent) {
        return ArithmeticOps.pow(this, exponent);
    }

    public Tensor square() {
        return pow(2);
    }

    public Tensor sqrt() {
        return UnaryMathOps.sqrt(this);
    }

    public Tensor exp() {
        return UnaryMathOps.exp(this);
    }

    public Tensor log() {
        return UnaryMathOps.log(this);
    }

    public Tensor abs() {
        return UnaryMathOps.abs(this);
    }

    /** −1, 0 or 1 per element; not differentiable. */
    public Tensor sign() {
        return UnaryMathOps.sign(this);
    }

    public Tensor maximum(Tensor other) {
        return ArithmeticOps.maximum(this, other);
    }

    public Tensor maximum(double v) {
        return ArithmeticOps.maximum(this, scalar(v, dtype()));
    }

    public Tensor minimum(Tensor other) {
        return ArithmeticOps.minimum(this, other);
    }

    public Tensor minimum(double v) {
        return ArithmeticOps.minimum(this, scalar(v, dtype()));
    }

    /** Values limited to [low, high]. */
    public Tensor clip(double low, double high) {
        if (low > high) {
            throw new IllegalArgumentException("clip: low " + low + " is above high " + high);
        }
        return maximum(low).minimum(high);
    }

    public Tensor relu() {
        return UnaryMathOps.relu(this);
    }

    public Tensor sigmoid() {
        return UnaryMathOps.sigmoid(this);
    }

    public Tensor tanh() {
        return UnaryMathOps.tanh(this);
    }

    // comparisons: 0/1 masks of this tensor's dtype, never differentiated

    public Tensor gt(Tensor o) {
        return ArithmeticOps.compare("gt", BinaryOp.GT, this, o);
    }

    public Tensor gt(double v) {
        return gt(scalar(v, dtype()));
    }

    public Tensor ge(Tensor o) {
        return ArithmeticOps.compare("ge", BinaryOp.GE, this, o);
    }

    public Tensor ge(double v) {
        return ge(scalar(v, dtype()));
    }

    public Tensor lt(Tensor o) {
        return ArithmeticOps.compare("lt", BinaryOp.LT, this, o);
    }

    public Tensor lt(double v) {
        return lt(scalar(v, dtype()));
    }

    public Tensor le(Tensor o) {
        return ArithmeticOps.compare("le", BinaryOp.LE, this, o);
    }

    public Tensor le(double v) {
        return le(scalar(v, dtype()));
    }

    public Tensor eq(Tensor o) {
        return ArithmeticOps.compare("eq", BinaryOp.EQ, this, o);
    }

    public Tensor eq(double v) {
        return eq(scalar(v, dtype()));
    }

    public Tensor ne(Tensor o) {
        return ArithmeticOps.compare("ne", BinaryOp.NE, this, o);
    }

    public Tensor ne(double v) {
        return ne(scalar(v, dtype()));
    }

    // ------------------------------------------------------------------ reductions

    /** Sum of all elements (a 0-d tensor). */
    public Tensor sum() {
        return ReductionOps.sum(this, new int[0], false);
    }

    /** Sum over the given axes (negative axes count from the end), dropping them. */
    public Tensor sum(int... axes) {
        return ReductionOps.sum(this, axes, false);
    }

    public Tensor sum(int[] axes, boolean keepDims) {
        return ReductionOps.sum(this, axes, keepDims);
    }

    public Tensor mean() {
        return ReductionOps.mean(this, new int[0], false);
    }

    public Tensor mean(int... axes) {
        return ReductionOps.mean(this, axes, false);
    }

    public Tensor mean(int[] axes, boolean keepDims) {
        return ReductionOps.mean(this, axes, keepDims);
    }

    public Tensor max() {
        return ReductionOps.max(this, new int[0], false);
    }

    public Tensor max(int... axes) {
        return ReductionOps.max(this, axes, false);
    }

    public Tensor max(int[] axes, boolean keepDims) {
        return ReductionOps.max(this, axes, keepDims);
    }

    public Tensor min() {
        return ReductionOps.min(this, new int[0], false);
    }

    public Tensor min(int... axes) {
        return ReductionOps.min(this, axes, false);
    }

    public Tensor min(int[] axes, boolean keepDims) {
        return ReductionOps.min(this, axes, keepDims);
    }

    /** Index of the largest element of the flattened tensor (a 0-d tensor of this dtype). */
    public Tensor argmax() {
        return ReductionOps.argmax(flatten(), 0, false);
    }

    /** Index of the largest value along an axis, as values of this dtype (MXNet's convention). */
    public Tensor argmax(int axis) {
        return ReductionOps.argmax(this, axis, false);
    }

    public Tensor argmin(int axis) {
        return ReductionOps.argmin(this, axis, false);
    }

    /** Frobenius (L2) norm of all elements. */
    public Tensor norm() {
        return mul(this).sum().sqrt();
    }

    // ------------------------------------------------------------------ shape

    /** The same values in a new shape; one dimension may be −1. Shares storage. */
    public Tensor reshape(int... newShape) {
        return ShapeOps.reshape(this, newShape);
    }

    /** Axes reversed (for a matrix, the transpose), as NumPy's {@code .T}. */
    public Tensor transpose() {
        int[] axes = new int[shape.length];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes.length - 1 - i;
        }
        return ShapeOps.permute(this, axes);
    }

    /** Axes permuted: output axis i is this tensor's axis {@code axes[i]}. */
    public Tensor transpose(int... axes) {
        return ShapeOps.permute(this, axes);
    }

    /** All elements as one axis. */
    public Tensor flatten() {
        return reshape(size());
    }

    /** Elements [start, end) along an axis. */
    public Tensor slice(int axis, int start, int end) {
        return ShapeOps.slice(this, axis, start, end);
    }

    public Tensor broadcastTo(int... newShape) {
        return BroadcastOps.broadcastTo(this, newShape);
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return ShapeOps.concat(axis, tensors);
    }

    /** Stacks equal-shaped tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) {
        return ShapeOps.stack(axis, tensors);
    }

    /** One element per row: out[i] = this[i, index[i]] along the last axis (MXNet's pick). */
    public Tensor pick(Tensor index) {
        return IndexOps.pick(this, index, -1);
    }

    public Tensor pick(Tensor index, int axis) {
        return IndexOps.pick(this, index, axis);
    }

    /** Slices along an axis at the given indices (NumPy's take). */
    public Tensor take(int[] indices, int axis) {
        return IndexOps.take(this, indices, axis);
    }

    /** This tensor of class indices as one-hot rows of the given depth. */
    public Tensor oneHot(int depth) {
        return IndexOps.oneHot(this, depth, dtype());
    }

    // ------------------------------------------------------------------ linear algebra, softmax

    /** Matrix product with NumPy's rules (2-D, batched, and vector cases). */
    public Tensor matmul(Tensor other) {
        return LinalgOps.matmul(this, other);
    }

    /** Inner product of vectors; matmul otherwise. */
    public Tensor dot(Tensor other) {
        return LinalgOps.dot(this, other);
    }

    public Tensor softmax(int axis) {
        return SoftmaxOps.softmax(this, axis);
    }

    public Tensor logSoftmax(int axis) {
        return SoftmaxOps.logSoftmax(this, axis);
    }

    // ------------------------------------------------------------------ conversion

    public Tensor astype(DType to) {
        return CastOps.astype(this, to);
    }

    /** The values as floats (a copy). */
    public float[] toFloatArray() {
        return data.isFloat() ? data.floats().clone() : data.convert(DType.FLOAT32).floats();
    }

    /** The values as doubles (a copy). */
    public double[] toDoubleArray() {
        return data.isFloat() ? data.convert(DType.FLOAT64).doubles() : data.doubles().clone();
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item(): the tensor has shape " + Shapes.toString(shape) + " (" + size()
                    + " elements); item() needs exactly one");
        }
        return data.get(0);
    }

    /** The value at a multi-index (negative indices count from the end). */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of rank " + shape.length);
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i]) {
                throw new IndexOutOfBoundsException("get: index " + index[i] + " is out of range for axis " + i
                        + " of size " + shape[i]);
            }
            flat = flat * shape[i] + k;
        }
        return data.get(flat);
    }

    /** A copy with its own storage, not part of any graph. */
    public Tensor copy() {
        return new Tensor(data.copy(), shape.clone());
    }

    /** Adds other's values into this tensor's storage (same shape and dtype); never recorded. */
    public Tensor addInPlace(Tensor other) {
        if (!Arrays.equals(shape, other.shape) || dtype() != other.dtype()) {
            throw new IllegalArgumentException("addInPlace: " + describe() + " and " + other.describe()
                    + " must have the same shape and dtype");
        }
        org.jgrad.tensor.kernel.KernelProvider.get().binary(BinaryOp.ADD, data, shape, other.data, other.shape, data, shape);
        return this;
    }

    /** Shape and dtype in one phrase, for messages: {@code float32(2,3) 'W1'}. */
    public String describe() {
        String n = name();
        return dtype() + Shapes.toString(shape) + (n == null ? "" : " '" + n + "'");
    }

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ------------------------------------------------------------------ autograd

    /** Marks this tensor as a variable to differentiate with respect to and gives it a zero gradient buffer; returns this. */
    public Tensor attachGrad() {
        Autograd.attachGrad(this, GradReq.WRITE);
        return this;
    }

    /** As {@link #attachGrad()}, with MXNet's grad_req: WRITE overwrites on each backward, ADD accumulates. */
    public Tensor attachGrad(GradReq req) {
        Autograd.attachGrad(this, req);
        return this;
    }

    /** The gradient left by the last backward. */
    public Tensor grad() {
        return Autograd.grad(this);
    }

    /** Zeros the gradient buffer. */
    public void zeroGrad() {
        Autograd.zeroGrad(this);
    }

    /** Whether ops on this tensor are differentiated: it attached a gradient or was computed from one that did. */
    public boolean requiresGrad() {
        return autograd.attached() || autograd.gradFn() != null;
    }

    /** The recorded op that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return autograd.gradFn();
    }

    /** The same values, cut from the graph (no gradient flows through). Shares storage. */
    public Tensor detach() {
        return new Tensor(data, shape.clone());
    }

    /** Back-propagates from this tensor; a non-scalar gets a head gradient of ones (MXNet's rule). Frees the graph. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /** Back-propagates with the given head gradient (same shape as this tensor). */
    public void backward(Tensor headGradient) {
        Autograd.backward(this, headGradient, false, false);
    }

    /** Back-propagates; with retainGraph the graph can be walked again. */
    public void backward(boolean retainGraph) {
        Autograd.backward(this, null, retainGraph, false);
    }

    /**
     * Back-propagates. With createGraph the gradients are themselves recorded, so they can be
     * differentiated again (second derivatives); createGraph also keeps the graph (as PyTorch does),
     * since the recorded gradients refer back into it.
     */
    public void backward(Tensor headGradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, headGradient, retainGraph, createGraph);
    }

    /** Calls hook with this tensor's gradient during backward; run() on the returned handle removes it. */
    public Runnable registerHook(UnaryOperator<Tensor> hook) {
        return Autograd.registerHook(this, hook);
    }

    /** Names this tensor for graph pictures and messages; returns this. */
    public Tensor name(String name) {
        Autograd.setName(this, name);
        return this;
    }

    /** This tensor's name, or null. */
    public String name() {
        return autograd.name();
    }

    /** The autograd bookkeeping of this tensor; for jgrad's engine and diagnostics. */
    public AutogradMeta autogradMeta() {
        return autograd;
    }
}
