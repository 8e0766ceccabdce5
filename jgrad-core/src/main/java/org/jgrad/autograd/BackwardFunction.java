package org.jgrad.autograd;

import org.jgrad.tensor.Tensor;

/**
 * An op's derivative: given the gradient of the loss with respect to the op's output, return the
 * gradient with respect to each input (null where an input needs none). Read saved values from the
 * node, never capture tensors in the lambda: the node frees them after backward and counts them
 * in memory reports. Written with jgrad's own ops, so a backward can itself be differentiated.
 */
@FunctionalInterface
public interface BackwardFunction {
    Tensor[] apply(Node node, Tensor grad);
}
