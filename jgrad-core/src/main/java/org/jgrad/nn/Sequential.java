package org.jgrad.nn;

import java.util.ArrayList;
import java.util.List;
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

    @Override
    protected Tensor compute(Tensor x) {
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }
}
