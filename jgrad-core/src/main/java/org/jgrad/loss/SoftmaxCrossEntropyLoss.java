package org.jgrad.loss;

import org.jgrad.autograd.ops.SoftmaxOps;
import org.jgrad.tensor.Tensor;

/**
 * Softmax cross-entropy from logits (batch, classes) and integer class labels (batch,): per example
 * logsumexp(o) − o[y], computed by the fused, max-shifted primitive, so logits of ±1e4 give no NaN.
 */
public final class SoftmaxCrossEntropyLoss implements Loss {
    @Override
    public Tensor perExample(Tensor logits, Tensor label, Tensor weights) {
        return Loss.weighted("SoftmaxCrossEntropyLoss", SoftmaxOps.softmaxCrossEntropy(logits, label), weights);
    }
}
