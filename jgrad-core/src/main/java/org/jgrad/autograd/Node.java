package org.jgrad.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;

/**
 * One recorded operation of the computational graph: its op name, its inputs ({@link Edge}s), the
 * intermediate values its derivative needs (saved tensors) and that derivative. Created by
 * {@link Recorder} during {@code Autograd.record()}, walked by {@link Engine} during backward.
 */
public final class Node {
    private final String op;
    private final Edge[] inputs;
    private Tensor[] saved;
    private final BackwardFunction backward;
    private final int[] outShape;
    private final DType outDType;
    private final long sequence;
    private String outputName;
    private boolean freed;
    private StackTraceElement[] creationStack;
    private List<UnaryOperator<Tensor>> hooks;
    private Tensor retainTarget;

    // scratch for one backward pass (see Engine): dependencies left, gradient gathered so far
    int pendingDeps;
    Tensor pendingGrad;
    long visit;

    Node(String op, Edge[] inputs, Tensor[] saved, BackwardFunction backward, int[] outShape, DType outDType, long sequence) {
        this.op = op;
        this.inputs = inputs;
        this.saved = saved;
        this.backward = backward;
        this.outShape = outShape;
        this.outDType = outDType;
        this.sequence = sequence;
    }

    /** The op's name, e.g. {@code matmul}. */
    public String op() {
        return op;
    }

    /** The op's inputs, in argument order. */
    public List<Edge> inputs() {
        return List.of(inputs);
    }

    Edge[] inputArray() {
        return inputs;
    }

    /** Order in which nodes were recorded on their thread (stable across runs). */
    public long sequence() {
        return sequence;
    }

    // ---- what backward functions use

    /** The i-th saved value. */
    public Tensor saved(int i) {
        if (saved == null) {
            throw new IllegalStateException(op + ": its saved values were freed by an earlier backward();"
                    + " pass retainGraph=true to the first backward() to go through the graph twice");
        }
        return saved[i];
    }

    /** Whether input i needs a gradient (a backward may skip the work when it does not). */
    public boolean needsGrad(int i) {
        return inputs[i].needsGrad();
    }

    /**
     * A buffer the backward function may write input i's gradient into and then return as that
     * gradient, saving a fresh array and a copy; null when it must allocate as usual. {@code
     * incoming} is the gradient the product will read (the one the backward function received, or
     * what it made of it, as linear_relu's masked copy): a buffer that shares storage with it or
     * with any value this node saved is never lent, since writing it would change what the product
     * still reads. See Note [Lent buffers] in Engine.
     */
    public Tensor gradBuffer(int i, Tensor incoming) {
        long pass = Autograd.state().lendingPass;
        Tensor leaf = inputs[i].leaf();
        if (pass == 0 || leaf == null) {
            return null;
        }
        AutogradMeta m = leaf.autogradMeta();
        Tensor buffer = m.grad;
        boolean usable = m.req == GradReq.WRITE && buffer != null && buffer.autogradMeta().gradFn == null
                && (m.hooks == null || m.hooks.isEmpty()) && m.visit != pass && m.lentIn != pass
                && buffer.dtype() == inputs[i].dtype() && Arrays.equals(buffer.shape(), inputs[i].shapeRef())
                && !sharesStorage(buffer, incoming);
        if (!usable) {
            return null;
        }
        m.lentIn = pass;
        return buffer;
    }

    private boolean sharesStorage(Tensor buffer, Tensor incoming) {
        if (buffer.storage() == incoming.storage()) {
            return true;
        }
        if (saved != null) {
            for (Tensor t : saved) {
                if (t != null && t.storage() == buffer.storage()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Shape of input i, as it was when recorded. */
    public int[] inputShape(int i) {
        return inputs[i].shapeRef();
    }

    public DType inputDType(int i) {
        return inputs[i].dtype();
    }

    // ---- what diagnostics read

    public int[] outputShape() {
        return outShape.clone();
    }

    public DType outputDType() {
        return outDType;
    }

    /** Name given to the op's output tensor ({@code Tensor.name}), or null. */
    public String outputName() {
        return outputName;
    }

    void setOutputName(String name) {
        this.outputName = name;
    }

    /** The values kept for backward (empty once freed). */
    public List<Tensor> savedTensors() {
        if (saved == null) {
            return List.of();
        }
        List<Tensor> out = new ArrayList<>(saved.length);
        Collections.addAll(out, saved);
        return out;
    }

    /** Bytes of distinct storages this node keeps for backward; 0 once freed. */
    public long savedBytes() {
        if (saved == null) {
            return 0;
        }
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        long bytes = 0;
        for (Tensor t : saved) {
            if (t != null && seen.put(t.storage(), Boolean.TRUE) == null) {
                bytes += t.storage().bytes();
            }
        }
        return bytes;
    }

    /** True once backward has run through this node without retainGraph. */
    public boolean isFreed() {
        return freed;
    }

    /** Where in user code the op was recorded; only captured in anomaly mode, else null. */
    public StackTraceElement[] creationStack() {
        return creationStack == null ? null : creationStack.clone();
    }

    void setCreationStack(StackTraceElement[] stack) {
        this.creationStack = stack;
    }

    BackwardFunction backward() {
        return backward;
    }

    void release() {
        saved = null;
        freed = true;
    }

    // ---- hooks and retained gradients of the op's output

    Runnable addHook(UnaryOperator<Tensor> hook) {
        if (hooks == null) {
            hooks = new ArrayList<>(1);
        }
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }

    List<UnaryOperator<Tensor>> hooks() {
        return hooks;
    }

    void retainGradIn(Tensor target) {
        this.retainTarget = target;
    }

    Tensor retainTarget() {
        return retainTarget;
    }

    @Override
    public String toString() {
        return op + "Backward";
    }
}
