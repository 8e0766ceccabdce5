package org.jgrad.nn;

import java.util.function.Supplier;

/**
 * Multilayer perceptrons as the chapter builds them: Flatten, then for each hidden size a Linear
 * layer and an activation (and optional dropout), then a Linear output layer. Input sizes are
 * inferred on the first forward pass.
 */
public final class Mlp {
    private Mlp() {
    }

    /** E.g. {@code Mlp.of(10, Activation::relu, 256)} is the chapter's 784-256-10 network. */
    public static Sequential of(int outputs, Supplier<Activation> activation, int... hidden) {
        return of(outputs, activation, 0, 0, hidden);
    }

    /** With dropout probability p after each hidden activation (seeded from dropoutSeed). */
    public static Sequential of(int outputs, Supplier<Activation> activation, double dropout, long dropoutSeed, int... hidden) {
        Sequential net = new Sequential(new Flatten());
        for (int i = 0; i < hidden.length; i++) {
            net.add(new Linear(hidden[i]), activation.get());
            if (dropout > 0) {
                net.add(new Dropout(dropout, dropoutSeed + i));
            }
        }
        return net.add(new Linear(outputs));
    }
}
