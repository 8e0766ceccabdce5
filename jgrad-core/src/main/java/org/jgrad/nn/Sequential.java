package org.jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.Autograd;
import org.jgrad.tensor.Tensor;

/** Modules applied one after another; children are named 0, 1, 2, … as in Gluon and PyTorch. */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    public Sequential(Module... modules) {
        add(modules);
    }

    /** Appends modules; returns this. */
    public Sequential add(Module... modules) {
        for (Module m : modules) {
            addModule(Integer.toString(layers.size()), m);
            layers.add(m);
        }
        return this;
    }

    public List<Module> layers() {
        return List.copyOf(layers);
    }

    public Module get(int index) {
        return layers.get(index);
    }

    public int size() {
        return layers.size();
    }

    /**
     * Note [Linear and ReLU fused]: a Linear followed by {@link Activation#relu()} runs as one op,
     * {@link org.jgrad.autograd.ops.LinalgOps#linearRelu}, as Gluon's {@code Dense(units,
     * activation='relu')} does: the relu is applied inside the product, to each part of the output
     * on the thread that computed it, and the pre-activation array is never made. Its values and
     * gradients are bit for bit those of the two modules in turn. Measured inside the chapter's
     * training step: see the README's step table. Not when the Linear has a hook, or the ReLU a
     * forward or backward hook: those may want the pre-activation (Summary's shapes, a user's
     * statistics), which the fused op never makes. An output hook on the ReLU (HealthMonitor's
     * activation statistics) runs on the fused op's output, which is the ReLU's output. Nor under
     * anomaly detection, which checks every op's output: the relu would hide a −∞ pre-activation.
     * {@code -Djgrad.fuse=false} turns fusion off.
     */
    private static final boolean FUSE = !"false".equals(System.getProperty("jgrad.fuse"));

    @Override
    protected Tensor compute(Tensor x) {
        for (int i = 0; i < layers.size(); i++) {
            Module m = layers.get(i);
            if (FUSE && i + 1 < layers.size() && fusesWithNext(m, layers.get(i + 1))) {
                x = ((Linear) m).computeWithRelu(x);
                layers.get(i + 1).runOutputHooks(x);
                i++;
            } else {
                x = m.forward(x);
            }
        }
        return x;
    }

    private static boolean fusesWithNext(Module m, Module next) {
        return m instanceof Linear && next instanceof Activation && ((Activation) next).isRelu()
                && !m.hasHooks() && !next.hasHooksOtherThanOutput() && !Autograd.isAnomalyDetectionEnabled();
    }
}
