package org.jgrad.optim;

import java.util.List;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/** Gradient clipping, in place, before an optimizer step. */
public final class GradClip {
    private GradClip() {
    }

    /**
     * Scales all gradients by maxNorm/‖g‖ when their global L2 norm ‖g‖ exceeds maxNorm.
     * Returns the norm before clipping (useful to log; NaN or ∞ passes through untouched).
     */
    public static double byGlobalNorm(List<Tensor> params, double maxNorm) {
        double sq = 0;
        for (Tensor p : params) {
            Storage g = p.grad().storage();
            for (int i = 0; i < g.length(); i++) {
                double v = g.get(i);
                sq += v * v;
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm && Double.isFinite(norm)) {
            double scale = maxNorm / norm;
            for (Tensor p : params) {
                Storage g = p.grad().storage();
                for (int i = 0; i < g.length(); i++) {
                    g.set(i, g.get(i) * scale);
                }
            }
        }
        return norm;
    }

    /** Limits every gradient value to [−limit, limit]. */
    public static void byValue(List<Tensor> params, double limit) {
        if (!(limit > 0)) {
            throw new IllegalArgumentException("byValue: limit must be positive, got " + limit);
        }
        for (Tensor p : params) {
            Storage g = p.grad().storage();
            for (int i = 0; i < g.length(); i++) {
                g.set(i, Math.max(-limit, Math.min(limit, g.get(i))));
            }
        }
    }
}
