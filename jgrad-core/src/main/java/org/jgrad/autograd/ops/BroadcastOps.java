package org.jgrad.autograd.ops;

import java.util.Arrays;
import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.LoopPlan;
import org.jgrad.tensor.kernel.Storage;

/**
 * Broadcasting and its adjoint. Note [Broadcast reduction]: when an input of shape s was broadcast
 * to a larger shape, its gradient is the output gradient summed over the axes broadcasting added
 * (leading axes, and axes where s has 1). {@link #sumTo} is the single place that does this;
 * every binary op's backward calls it.
 */
public final class BroadcastOps {
    private BroadcastOps() {
    }

    /** x repeated along broadcast axes to {@code shape};  d/dx = sumTo(g, x.shape). */
    public static Tensor broadcastTo(Tensor x, int[] shape) {
        int[] xs = x.shape();
        if (Arrays.equals(xs, shape)) {
            return x;
        }
        if (!Shapes.broadcastsTo(xs, shape)) {
            throw new IllegalArgumentException("broadcastTo: cannot broadcast " + Shapes.toString(xs) + " to "
                    + Shapes.toString(shape) + " (each dimension must match or be 1)");
        }
        int[] target = shape.clone();
        Tensor out = Tensor.wrap(Storage.allocate(x.dtype(), Shapes.size(target)), target);
        Elementwise.K.stridedCopy(x.storage(), 0, target, LoopPlan.broadcastStrides(xs, target), out.storage());
        return Recorder.record("broadcast_to", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {sumTo(g, n.inputShape(0))});
    }

    /** Sums g over the axes that broadcasting added, giving {@code shape}; see Note [Broadcast reduction]. */
    public static Tensor sumTo(Tensor g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) {
            return g;
        }
        int lead = gs.length - shape.length;
        if (lead < 0 || !Shapes.broadcastsTo(shape, gs)) {
            throw new IllegalArgumentException("sumTo: cannot reduce a gradient of shape " + Shapes.toString(gs)
                    + " to " + Shapes.toString(shape));
        }
        int[] axes = new int[gs.length];
        int count = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && gs[i] != 1)) {
                axes[count++] = i;
            }
        }
        Tensor summed = ReductionOps.sum(g, Arrays.copyOf(axes, count), true);
        return ShapeOps.reshape(summed, shape);
    }
}
