package org.jgrad.autograd;

import org.jgrad.tensor.Tensor;

/**
 * Observes the graph on one thread: nodes recorded, nodes whose saved values backward released,
 * and gradients backward produced. Diagnostics (memory accounting) plug in here; the engine only
 * calls a listener when one is installed, so observing costs nothing when off.
 */
public interface GraphListener {

    default void onRecord(Node node) {
    }

    /** Called just before the node's saved values are dropped. */
    default void onRelease(Node node) {
    }

    /** A gradient computed for one of the node's inputs. */
    default void onGradient(Node node, int input, Tensor gradient) {
    }
}
