package org.jgrad.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.init.Initializer;
import org.jgrad.init.ParamKind;
import org.jgrad.init.Uniform;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;

/**
 * A part of a model: a function of its parameters and its input, with child modules and named,
 * hierarchical parameters ({@code 0.weight}, {@code 2.bias}, as Gluon and PyTorch name them).
 * Subclasses implement {@link #compute}; callers use {@link #forward}, which also runs hooks.
 * Modules keep no input-dependent state between calls.
 */
public abstract class Module {
    private final LinkedHashMap<String, Parameter> ownParameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private final List<ForwardHook> forwardHooks = new ArrayList<>(0);
    private final List<BackwardHook> backwardHooks = new ArrayList<>(0);
    private final List<OutputHook> outputHooks = new ArrayList<>(0);
    private boolean training = true;

    /** Called with the module, its input and its output after every forward. */
    @FunctionalInterface
    public interface ForwardHook {
        void afterForward(Module module, Tensor input, Tensor output);
    }

    /**
     * Called with the module and its output after every forward: a forward hook that does not need
     * the input. Unlike a {@link ForwardHook}, it leaves an activation fusable with the layer before
     * it (see Note [Linear and ReLU fused] in Sequential), since the fused op computes the same output.
     */
    @FunctionalInterface
    public interface OutputHook {
        void afterForward(Module module, Tensor output);
    }

    /** Called with the module and the gradient of the loss with respect to its output, during backward. */
    @FunctionalInterface
    public interface BackwardHook {
        void onGradient(Module module, Tensor gradOutput);
    }

    /** The module's computation. */
    protected abstract Tensor compute(Tensor input);

    /** Runs the module: its computation, then its forward hooks; registers backward hooks on the output. */
    public final Tensor forward(Tensor input) {
        Tensor out = compute(input);
        for (ForwardHook h : List.copyOf(forwardHooks)) {
            h.afterForward(this, input, out);
        }
        runOutputHooks(out);
        if (!backwardHooks.isEmpty() && out.requiresGrad()) {
            List<BackwardHook> hooks = List.copyOf(backwardHooks);
            out.registerHook(g -> {
                for (BackwardHook h : hooks) {
                    h.onGradient(this, g);
                }
                return null;
            });
        }
        return out;
    }

    /** Whether any hook is registered on this module. */
    final boolean hasHooks() {
        return hasHooksOtherThanOutput() || !outputHooks.isEmpty();
    }

    /** Whether a forward or backward hook is registered (output hooks aside). */
    final boolean hasHooksOtherThanOutput() {
        return !forwardHooks.isEmpty() || !backwardHooks.isEmpty();
    }

    /** Runs the output hooks on {@code out}, as forward does after computing it. */
    final void runOutputHooks(Tensor out) {
        for (OutputHook h : List.copyOf(outputHooks)) {
            h.afterForward(this, out);
        }
    }

    /** Adds an output hook; run() on the returned handle removes it. */
    public Runnable registerOutputHook(OutputHook hook) {
        outputHooks.add(hook);
        return () -> outputHooks.remove(hook);
    }

    /** Adds a forward hook; run() on the returned handle removes it. */
    public Runnable registerForwardHook(ForwardHook hook) {
        forwardHooks.add(hook);
        return () -> forwardHooks.remove(hook);
    }

    /** Adds a backward hook (sees d loss / d output); run() on the returned handle removes it. */
    public Runnable registerBackwardHook(BackwardHook hook) {
        backwardHooks.add(hook);
        return () -> backwardHooks.remove(hook);
    }

    // ---- structure

    protected final Parameter addParameter(String name, Parameter p) {
        ownParameters.put(name, p);
        p.setName(name);
        return p;
    }

    protected final <M extends Module> M addModule(String name, M child) {
        children.put(name, child);
        renameTree("", this);
        return child;
    }

    private static void renameTree(String prefix, Module m) {
        m.ownParameters.forEach((n, p) -> p.setName(prefix + n));
        m.children.forEach((n, c) -> renameTree(prefix + n + ".", c));
    }

    /** Direct children, by name. */
    public Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Every parameter of this module and its descendants, by hierarchical name, in declaration order. */
    public Map<String, Parameter> namedParameters() {
        LinkedHashMap<String, Parameter> out = new LinkedHashMap<>();
        collect("", this, out);
        return out;
    }

    private static void collect(String prefix, Module m, Map<String, Parameter> out) {
        m.ownParameters.forEach((n, p) -> out.put(prefix + n, p));
        m.children.forEach((n, c) -> collect(prefix + n + ".", c, out));
    }

    public List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters of one kind (e.g. the weights, for an L2 penalty). */
    public List<Parameter> parameters(ParamKind kind) {
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : namedParameters().values()) {
            if (p.kind() == kind) {
                out.add(p);
            }
        }
        return out;
    }

    /** The parameters' tensors (what optimizers take); every parameter must be initialized. */
    public List<Tensor> parameterTensors() {
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : namedParameters().values()) {
            out.add(p.data());
        }
        return out;
    }

    /** Total number of parameter values (deferred ones count 0 until known). */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.count();
        }
        return n;
    }

    // ---- modes

    /** Training mode (dropout active); the default. */
    public Module train() {
        setTraining(this, true);
        return this;
    }

    /** Evaluation mode (dropout off). */
    public Module eval() {
        setTraining(this, false);
        return this;
    }

    public boolean isTraining() {
        return training;
    }

    private static void setTraining(Module m, boolean on) {
        m.training = on;
        m.children.values().forEach(c -> setTraining(c, on));
    }

    // ---- initialization

    /** Gluon's default: weights Uniform(−0.07, 0.07), biases zero; seed 0. */
    public Module initialize() {
        return initialize(new Uniform(0.07), new Rng(0), false);
    }

    /** Initializes every parameter with {@code init} (parameters with an initializer of their own keep it). */
    public Module initialize(Initializer init, long seed) {
        return initialize(init, new Rng(seed), false);
    }

    /** Gluon's initialize(init, force_reinit), seed 0. */
    public Module initialize(Initializer init, boolean forceReinit) {
        return initialize(init, new Rng(0), forceReinit);
    }

    /** As Gluon's initialize(init, force_reinit): a second call without force is an error naming the parameter. */
    public Module initialize(Initializer init, Rng rng, boolean forceReinit) {
        for (Parameter p : namedParameters().values()) {
            p.initialize(init, rng, forceReinit);
        }
        return this;
    }

    /** A table of layers, output shapes and parameter counts for an input of the given shape. */
    public String summary(int... inputShape) {
        return Summary.of(this, inputShape);
    }

    /** The module's type and settings in one line, e.g. {@code Linear(784 → 256)}. */
    public String describe() {
        return getClass().getSimpleName();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describe());
        if (!children.isEmpty()) {
            sb.append("(\n");
            children.forEach((n, c) -> sb.append("  (").append(n).append("): ")
                    .append(c.toString().replace("\n", "\n  ")).append('\n'));
            sb.append(')');
        }
        return sb.toString();
    }
}
