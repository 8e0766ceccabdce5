package org.jgrad.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Parallel;
import org.jgrad.tensor.kernel.Storage;

/**
 * Adam, and AdamW with {@code decoupled = true}:
 * <pre>
 *   g ← g + wd·w                      (Adam's L2-style weight decay)   | w ← w − lr·wd·w (AdamW)
 *   m ← β1·m + (1−β1)·g
 *   v ← β2·v + (1−β2)·g²
 *   w ← w − lr · (m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + ε)
 * </pre>
 */
public final class Adam extends Optimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean decoupled;
    private final Tensor[] m;
    private final Tensor[] v;

    /** Adam with the usual defaults: β1 0.9, β2 0.999, ε 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /** AdamW (decoupled weight decay), defaults as PyTorch: weight decay 0.01. */
    public static Adam adamW(List<Tensor> params, double lr, double weightDecay) {
        return new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, true);
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || eps <= 0 || weightDecay < 0) {
            throw new IllegalArgumentException("Adam: need 0 ≤ β1, β2 < 1, ε > 0 and weight decay ≥ 0");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new Tensor[params.size()];
        this.v = new Tensor[params.size()];
        for (int i = 0; i < m.length; i++) {
            m[i] = Tensor.zerosLike(params.get(i));
            v[i] = Tensor.zerosLike(params.get(i));
        }
    }

    @Override
    protected void update(int index, Storage w, Storage g, double lr) {
        int t = stepCount();
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double l2 = decoupled ? 0 : weightDecay;
        double shrink = decoupled ? 1 - lr * weightDecay : 1;
        if (w.isFloat()) {
            float[] ws = w.floats();
            float[] gs = g.floats();
            float[] ms = m[index].storage().floats();
            float[] vs = v[index].storage().floats();
            float b1 = (float) beta1;
            float b2 = (float) beta2;
            float step = (float) (lr / c1);
            float inv2 = (float) (1 / Math.sqrt(c2));
            float e = (float) eps;
            float fl2 = (float) l2;
            float fs = (float) shrink;
            Parallel.forRange(ws.length, Parallel.ELEMENT_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float gi = gs[i] + fl2 * ws[i];
                    ms[i] = b1 * ms[i] + (1 - b1) * gi;
                    vs[i] = b2 * vs[i] + (1 - b2) * gi * gi;
                    ws[i] = fs * ws[i] - step * ms[i] / ((float) Math.sqrt(vs[i]) * inv2 + e);
                }
            });
        } else {
            double[] ws = w.doubles();
            double[] gs = g.doubles();
            double[] ms = m[index].storage().doubles();
            double[] vs = v[index].storage().doubles();
            for (int i = 0; i < ws.length; i++) {
                double gi = gs[i] + l2 * ws[i];
                ms[i] = beta1 * ms[i] + (1 - beta1) * gi;
                vs[i] = beta2 * vs[i] + (1 - beta2) * gi * gi;
                ws[i] = shrink * ws[i] - lr * (ms[i] / c1) / (Math.sqrt(vs[i] / c2) + eps);
            }
        }
    }

    @Override
    public Map<String, Tensor> state(int index) {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put("m", m[index]);
        s.put("v", v[index]);
        return s;
    }
}
