package org.jgrad.tensor.kernel;

/** Reductions along one axis that kernels implement. */
public enum ReduceOp {
    SUM, MAX, MIN
}
