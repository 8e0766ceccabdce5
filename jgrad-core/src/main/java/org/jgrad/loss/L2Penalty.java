package org.jgrad.loss;

import java.util.List;
import org.jgrad.tensor.Tensor;

/**
 * The chapter's regularization term s = λ/2·Σ‖W‖²_F as a differentiable scalar to add to the loss
 * (J = L + s). Pass the tensors to penalize, usually the weights only
 * ({@code net.parameters(ParamKind.WEIGHT)}). For plain SGD this gives the same update as weight
 * decay λ inside the optimizer.
 */
public final class L2Penalty {
    private L2Penalty() {
    }

    public static Tensor of(double lambda, List<Tensor> tensors) {
        if (tensors.isEmpty()) {
            throw new IllegalArgumentException("L2Penalty: no tensors to penalize");
        }
        Tensor sum = null;
        for (Tensor w : tensors) {
            Tensor sq = w.square().sum();
            sum = sum == null ? sq : sum.add(sq);
        }
        return sum.mul(lambda / 2);
    }
}
