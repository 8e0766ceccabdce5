package org.jgrad.autograd.ops;

import static org.jgrad.autograd.ops.ArithmeticOps.div;
import static org.jgrad.autograd.ops.ArithmeticOps.mul;

import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.ReduceOp;
import org.jgrad.tensor.kernel.Storage;

/** Reductions over all axes or given ones, with or without keepDims, each with its derivative. */
public final class ReductionOps {
    private ReductionOps() {
    }

    /** Σ over axes (all when none are given);  d/dx = g broadcast back to x's shape. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Shapes.axes("sum", axes, x.rank());
        int[] keep = keptShape(x.shape(), ax);
        Tensor out = Tensor.wrap(reduce(ReduceOp.SUM, x, ax), keepDims ? keep : dropped(x.shape(), ax));
        return Recorder.record("sum", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {
            BroadcastOps.broadcastTo(ShapeOps.reshape(g, keep), n.inputShape(0))});
    }

    /** Mean over axes: the sum divided by the number of elements reduced. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Shapes.axes("mean", axes, x.rank());
        long count = 1;
        for (int a : ax) {
            count *= x.shape()[a];
        }
        return mul(sum(x, ax, keepDims), Elementwise.scalarLike(x, 1.0 / count));
    }

    /** Largest value over axes;  the gradient goes to the maxima, split evenly on ties. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return extreme("max", ReduceOp.MAX, x, axes, keepDims);
    }

    /** Smallest value over axes;  the gradient goes to the minima, split evenly on ties. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return extreme("min", ReduceOp.MIN, x, axes, keepDims);
    }

    private static Tensor extreme(String name, ReduceOp op, Tensor x, int[] axes, boolean keepDims) {
        int[] ax = Shapes.axes(name, axes, x.rank());
        int[] keep = keptShape(x.shape(), ax);
        Tensor kept = Tensor.wrap(reduce(op, x, ax), keep);
        Tensor out = keepDims ? kept : Tensor.wrap(kept.storage(), dropped(x.shape(), ax));
        return Recorder.record(name, out, new Tensor[] {x}, new Tensor[] {x, kept}, (n, g) -> {
            Tensor hit = ArithmeticOps.compare("eq", BinaryOp.EQ, n.saved(0), n.saved(1));
            Tensor ties = sum(hit, ax, true);
            Tensor share = div(hit, ties);
            return new Tensor[] {mul(share, ShapeOps.reshape(g, keep))};
        });
    }

    /** Index of the largest value along an axis, as a tensor of x's dtype (MXNet's convention); not differentiable. */
    public static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        return argExtreme("argmax", true, x, axis, keepDims);
    }

    /** Index of the smallest value along an axis; not differentiable. */
    public static Tensor argmin(Tensor x, int axis, boolean keepDims) {
        return argExtreme("argmin", false, x, axis, keepDims);
    }

    private static Tensor argExtreme(String name, boolean max, Tensor x, int axis, boolean keepDims) {
        int[] shape = x.shape();
        int a = Shapes.axis(name, axis, shape.length);
        if (shape[a] == 0) {
            throw new IllegalArgumentException(name + ": axis " + axis + " is empty, so there is no " + (max ? "maximum" : "minimum"));
        }
        int outer = prod(shape, 0, a);
        int inner = prod(shape, a + 1, shape.length);
        Storage out = Storage.allocate(x.dtype(), outer * inner);
        Elementwise.K.argReduce(max, x.storage(), outer, shape[a], inner, out);
        int[] ax = {a};
        return Tensor.wrap(out, keepDims ? keptShape(shape, ax) : dropped(shape, ax));
    }

    /** Reduces the (sorted, distinct) axes, a run of neighbouring axes at a time, last run first. */
    static Storage reduce(ReduceOp op, Tensor x, int[] ax) {
        int[] cur = x.shape();
        Storage data = x.storage();
        if (ax.length == 0) {
            return data.copy();
        }
        int i = ax.length - 1;
        while (i >= 0) {
            int hi = ax[i];
            int lo = hi;
            while (i > 0 && ax[i - 1] == lo - 1) {
                i--;
                lo--;
            }
            i--;
            int outer = prod(cur, 0, lo);
            int mid = prod(cur, lo, hi + 1);
            int inner = prod(cur, hi + 1, cur.length);
            Storage out = Storage.allocate(x.dtype(), outer * inner);
            Elementwise.K.reduce(op, data, outer, mid, inner, out);
            for (int d = lo; d <= hi; d++) {
                cur[d] = 1;
            }
            data = out;
        }
        return data;
    }

    static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= shape[i];
        }
        return p;
    }

    static int[] keptShape(int[] shape, int[] ax) {
        int[] keep = shape.clone();
        for (int a : ax) {
            keep[a] = 1;
        }
        return keep;
    }

    static int[] dropped(int[] shape, int[] ax) {
        int[] out = new int[shape.length - ax.length];
        int j = 0;
        for (int i = 0, k = 0; i < shape.length; i++) {
            if (k < ax.length && ax[k] == i) {
                k++;
            } else {
                out[j++] = shape[i];
            }
        }
        return out;
    }
}
