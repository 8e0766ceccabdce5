package org.jgrad.loss;

import org.jgrad.tensor.Tensor;

/** |prediction − label|, averaged over non-batch axes. */
public final class L1Loss implements Loss {
    @Override
    public Tensor perExample(Tensor prediction, Tensor label, Tensor weights) {
        Loss.sameShape("L1Loss", prediction, label);
        return Loss.weighted("L1Loss", Loss.meanOverFeatures(prediction.sub(label).abs()), weights);
    }
}
