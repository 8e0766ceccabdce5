package org.jgrad.loss;

import org.jgrad.tensor.Tensor;

/** Mean squared error (PyTorch's MSELoss): (prediction − label)², averaged over non-batch axes. */
public final class MseLoss implements Loss {
    @Override
    public Tensor perExample(Tensor prediction, Tensor label, Tensor weights) {
        Loss.sameShape("MseLoss", prediction, label);
        return Loss.weighted("MseLoss", Loss.meanOverFeatures(prediction.sub(label).square()), weights);
    }
}
