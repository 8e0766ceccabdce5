package org.jgrad.init;

/**
 * What a parameter is for. As in MXNet, an initializer applies its rule to weights and zeros to
 * biases; the L2 penalty takes weights only unless asked otherwise.
 */
public enum ParamKind {
    WEIGHT, BIAS
}
