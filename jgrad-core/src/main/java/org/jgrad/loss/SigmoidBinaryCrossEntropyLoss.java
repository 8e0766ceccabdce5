package org.jgrad.loss;

import org.jgrad.tensor.Tensor;

/**
 * Binary cross-entropy from logits x and targets y in [0, 1], of the same shape:
 * −[y·log σ(x) + (1−y)·log σ(−x)]. log σ(x) is taken as a log-softmax over the pair (0, x), which is
 * stable for large |x| and smooth at 0.
 */
public final class SigmoidBinaryCrossEntropyLoss implements Loss {
    @Override
    public Tensor perExample(Tensor logits, Tensor label, Tensor weights) {
        Loss.sameShape("SigmoidBinaryCrossEntropyLoss", logits, label);
        Tensor y = label.astype(logits.dtype());
        Tensor pair = Tensor.stack(-1, Tensor.zerosLike(logits), logits); // (…, 2): log-softmax gives (log σ(−x), log σ(x))
        Tensor logP = pair.logSoftmax(-1);
        Tensor logSigmoidNeg = logP.slice(-1, 0, 1).reshape(logits.shape());
        Tensor logSigmoid = logP.slice(-1, 1, 2).reshape(logits.shape());
        Tensor l = y.mul(logSigmoid).add(y.neg().add(1).mul(logSigmoidNeg)).neg();
        return Loss.weighted("SigmoidBinaryCrossEntropyLoss", Loss.meanOverFeatures(l), weights);
    }
}
