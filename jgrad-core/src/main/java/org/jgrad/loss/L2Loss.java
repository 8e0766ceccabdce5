package org.jgrad.loss;

import org.jgrad.tensor.Tensor;

/** Gluon's L2Loss: ½(prediction − label)², averaged over non-batch axes. */
public final class L2Loss implements Loss {
    @Override
    public Tensor perExample(Tensor prediction, Tensor label, Tensor weights) {
        Loss.sameShape("L2Loss", prediction, label);
        Tensor l = prediction.sub(label).square().mul(0.5);
        return Loss.weighted("L2Loss", Loss.meanOverFeatures(l), weights);
    }
}
