package org.jgrad.nn;

import java.util.Arrays;
import org.jgrad.init.Initializer;
import org.jgrad.init.ParamKind;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * A learnable tensor of a module, as Gluon's Parameter: a shape that may still have unknown (0)
 * dimensions until the first forward pass infers them (deferred initialization), an optional
 * initializer of its own, and a kind (weight or bias) that initializers and the L2 penalty use.
 * Once initialized, {@link #data()} is a tensor with an attached gradient.
 */
public final class Parameter {

    private final ParamKind kind;
    private final DType dtype;
    private final Initializer ownInit;
    private int[] shape;
    private Tensor data;
    // set by initialize() while the shape is still unknown; used on the first forward
    private Initializer pendingInit;
    private Rng pendingRng;
    private String name = "";

    public Parameter(ParamKind kind, DType dtype, Initializer ownInit, int... shape) {
        this.kind = kind;
        this.dtype = dtype;
        this.ownInit = ownInit;
        this.shape = shape.clone();
    }

    public ParamKind kind() {
        return kind;
    }

    public DType dtype() {
        return dtype;
    }

    /** The hierarchical name given by the owning module tree, e.g. {@code 0.weight}. */
    public String name() {
        return name;
    }

    void setName(String name) {
        this.name = name;
        if (data != null) {
            data.name(name);
        }
    }

    /** The shape; 0 marks a dimension not known yet. */
    public int[] shape() {
        return shape.clone();
    }

    public boolean isShapeKnown() {
        for (int d : shape) {
            if (d == 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isInitialized() {
        return data != null;
    }

    /** The values (with an attached gradient); an error before initialization. */
    public Tensor data() {
        if (data == null) {
            throw new IllegalStateException("parameter '" + name + "' " + Shapes.toString(shape) + " is not initialized: "
                    + (pendingInit != null ? "its input size is inferred on the first forward pass; run one forward first"
                            : "call initialize() on the model first"));
        }
        return data;
    }

    /** The gradient left by the last backward. */
    public Tensor grad() {
        return data().grad();
    }

    /** Number of values (0 while the shape is unknown). */
    public long count() {
        return isShapeKnown() ? Shapes.size(shape) : 0;
    }

    /**
     * Initializes the values with this parameter's own initializer if it has one, else with
     * {@code global}; defers when the shape is not known yet. A second call without force is an error.
     */
    public void initialize(Initializer global, Rng rng, boolean forceReinit) {
        if ((data != null || pendingInit != null) && !forceReinit) {
            throw new IllegalStateException("parameter '" + name + "' is already initialized; pass forceReinit=true"
                    + " to initialize it again");
        }
        Initializer init = ownInit != null ? ownInit : global;
        Rng own = rng.split();
        if (!isShapeKnown()) {
            pendingInit = init;
            pendingRng = own;
            data = null;
            return;
        }
        Tensor t = Tensor.zeros(dtype, shape);
        init.initialize(new Initializer.Target(name, kind), t, own);
        adopt(t);
    }

    /** Completes a deferred initialization once the forward pass knows the full shape. */
    public void finishDeferred(int... fullShape) {
        if (data != null) {
            return;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != 0 && shape[i] != fullShape[i]) {
                throw new IllegalArgumentException("parameter '" + name + "': inferred shape " + Shapes.toString(fullShape)
                        + " contradicts the declared " + Shapes.toString(shape));
            }
        }
        shape = fullShape.clone();
        if (pendingInit == null) {
            throw new IllegalStateException("parameter '" + name + "' " + Shapes.toString(shape)
                    + " is not initialized: call initialize() on the model before the first forward pass");
        }
        Tensor t = Tensor.zeros(dtype, shape);
        pendingInit.initialize(new Initializer.Target(name, kind), t, pendingRng);
        pendingInit = null;
        pendingRng = null;
        adopt(t);
    }

    /** Replaces the values (e.g. loaded from a file); shape and dtype must match. */
    public void set(Tensor values) {
        if (isShapeKnown() && !Arrays.equals(values.shape(), shape)) {
            throw new IllegalArgumentException("parameter '" + name + "': cannot set values of shape "
                    + Shapes.toString(values.shape()) + ", expected " + Shapes.toString(shape));
        }
        if (values.dtype() != dtype) {
            throw new IllegalArgumentException("parameter '" + name + "': cannot set " + values.dtype()
                    + " values into a " + dtype + " parameter; convert with astype(" + dtype + ")");
        }
        if (data != null) {
            values.storage().copyTo(0, data.storage(), 0, values.size());
            return;
        }
        shape = values.shape();
        pendingInit = null;
        adopt(values.detach().copy());
    }

    private void adopt(Tensor t) {
        data = t.attachGrad();
        if (!name.isEmpty()) {
            data.name(name);
        }
    }

    @Override
    public String toString() {
        return "Parameter " + name + " " + Shapes.toString(shape) + " " + dtype;
    }
}
