package org.jgrad.autograd;

/** What {@code backward()} does with a leaf's gradient buffer (MXNet's {@code grad_req}). */
public enum GradReq {
    /** Overwrite the buffer with this backward's gradient (the default). */
    WRITE,
    /** Add this backward's gradient to what the buffer holds; clear it with {@code zeroGrad()}. */
    ADD
}
