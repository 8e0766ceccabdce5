package org.jgrad.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Parallel;
import org.jgrad.tensor.kernel.Storage;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and weight decay
 * (PyTorch's formulation):
 * <pre>
 *   g ← g + wd·w                 (weight decay: the gradient of wd/2·‖w‖²)
 *   v ← μ·v + g                  (momentum buffer, when μ &gt; 0)
 *   d ← nesterov ? g + μ·v : v   (d = g without momentum)
 *   w ← w − lr·d
 * </pre>
 */
public final class Sgd extends Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final Tensor[] velocity;

    public Sgd(List<Tensor> params, double lr) {
        this(params, lr, 0, false, 0);
    }

    public Sgd(List<Tensor> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        super(params, lr);
        if (momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("Sgd: momentum and weight decay must be ≥ 0");
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Sgd: Nesterov needs a momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.velocity = new Tensor[params.size()];
        if (momentum > 0) {
            for (int i = 0; i < velocity.length; i++) {
                velocity[i] = Tensor.zerosLike(params.get(i));
            }
        }
    }

    @Override
    protected void update(int index, Storage w, Storage g, double lr) {
        Storage v = velocity[index] == null ? null : velocity[index].storage();
        if (w.isFloat()) {
            float[] ws = w.floats();
            float[] gs = g.floats();
            float[] vs = v == null ? null : v.floats();
            float flr = (float) lr;
            float wd = (float) weightDecay;
            float mu = (float) momentum;
            Parallel.forRange(ws.length, Parallel.ELEMENT_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = gs[i] + wd * ws[i];
                    if (vs != null) {
                        vs[i] = mu * vs[i] + gi;
                        gi = nesterov ? gi + mu * vs[i] : vs[i];
                    }
                    ws[i] -= flr * gi;
                }
            });
        } else {
            double[] ws = w.doubles();
            double[] gs = g.doubles();
            double[] vs = v == null ? null : v.doubles();
            for (int i = 0; i < ws.length; i++) {
                double gi = gs[i] + weightDecay * ws[i];
                if (vs != null) {
                    vs[i] = momentum * vs[i] + gi;
                    gi = nesterov ? gi + momentum * vs[i] : vs[i];
                }
                ws[i] -= lr * gi;
            }
        }
    }

    @Override
    public Map<String, Tensor> state(int index) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        if (velocity[index] != null) {
            s.put("momentum", velocity[index]);
        }
        return s;
    }
}
