package org.jgrad.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * Updates a list of tensors in place from their gradients. Knows nothing of modules: give it the
 * tensors ({@code net.parameterTensors()}). Each step reads every tensor's gradient buffer and
 * writes the tensor's own storage; state buffers (momentum, Adam moments) are allocated once, so a
 * step allocates nothing parameter-sized.
 */
public abstract class Optimizer {
    private final List<Tensor> params;
    private double baseLr;
    private LrSchedule schedule = LrSchedule.constant();
    private int step;
    private double lr;

    protected Optimizer(List<Tensor> params, double lr) {
        if (params.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimize");
        }
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).autogradMeta().gradOrNull() == null) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": parameter " + i + " "
                        + params.get(i).describe() + " has no gradient buffer; call attachGrad() on it");
            }
        }
        if (!(lr >= 0)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate must be ≥ 0, got " + lr);
        }
        this.params = List.copyOf(params);
        this.baseLr = lr;
        this.lr = lr;
    }

    /** One update of every parameter from its current gradient. */
    public void step() {
        step++;
        lr = schedule.at(step, baseLr);
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            update(i, p.storage(), p.grad().storage(), lr);
        }
    }

    /** Updates parameter i (values w, gradient g) at learning rate lr, in place. */
    protected abstract void update(int index, Storage w, Storage g, double lr);

    /** Zeros every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    public List<Tensor> parameters() {
        return params;
    }

    /** The learning rate used by the last step (the base rate before any step). */
    public double learningRate() {
        return lr;
    }

    public double baseLearningRate() {
        return baseLr;
    }

    public void setLearningRate(double lr) {
        this.baseLr = lr;
        this.lr = schedule.at(step, lr);
    }

    /** Sets how the learning rate changes with the step count. */
    public Optimizer schedule(LrSchedule s) {
        this.schedule = s;
        return this;
    }

    /** Steps taken so far. */
    public int stepCount() {
        return step;
    }

    /** Restores the step count (from a checkpoint). */
    public void setStepCount(int steps) {
        this.step = steps;
        this.lr = schedule.at(Math.max(steps, 1), baseLr);
    }

    /** State buffers of parameter i by name (e.g. "momentum"), for checkpoints; live, not copies. */
    public Map<String, Tensor> state(int index) {
        return new LinkedHashMap<>();
    }

    /** Restores parameter i's state buffers from a checkpoint. */
    public void loadState(int index, Map<String, Tensor> values) {
        Map<String, Tensor> own = state(index);
        for (Map.Entry<String, Tensor> e : values.entrySet()) {
            Tensor target = own.get(e.getKey());
            if (target == null || target.size() != e.getValue().size()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + ": state '" + e.getKey()
                        + "' of parameter " + index + " does not fit this optimizer");
            }
            e.getValue().astype(target.dtype()).storage().copyTo(0, target.storage(), 0, target.size());
        }
    }

}
