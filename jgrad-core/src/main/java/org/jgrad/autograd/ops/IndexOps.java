package org.jgrad.autograd.ops;

import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * Ops that select by index: pick (one index per row, e.g. the label's score), take (whole slices
 * along an axis) and oneHot. pick and take are linear; their backward is the adjoint scatter.
 */
public final class IndexOps {
    private IndexOps() {
    }

    /**
     * out[..., i] = x[..., index[...], ...] along {@code axis}: index has x's shape without that axis
     * and holds integers in [0, size of the axis) (MXNet's {@code pick});  d/dx = g scattered back.
     */
    public static Tensor pick(Tensor x, Tensor index, int axis) {
        int[] xs = x.shape();
        int a = Shapes.axis("pick", axis, xs.length);
        int[] expected = ReductionOps.dropped(xs, new int[] {a});
        if (!java.util.Arrays.equals(index.shape(), expected)) {
            throw new IllegalArgumentException("pick: index of shape " + Shapes.toString(index.shape())
                    + " does not fit x of shape " + Shapes.toString(xs) + " along axis " + axis
                    + "; it must have shape " + Shapes.toString(expected));
        }
        int outer = ReductionOps.prod(xs, 0, a);
        int inner = ReductionOps.prod(xs, a + 1, xs.length);
        int dim = xs[a];
        int[] idx = indices("pick", index, dim);
        Storage src = x.storage();
        Storage dst = Storage.allocate(x.dtype(), outer * inner);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                dst.set(o * inner + i, src.get((o * dim + idx[o * inner + i]) * inner + i));
            }
        }
        Tensor out = Tensor.wrap(dst, expected);
        return Recorder.record("pick", out, new Tensor[] {x}, new Tensor[] {index}, (n, g) -> new Tensor[] {
            unpick(g, n.saved(0), a, dim)});
    }

    /** The adjoint of pick: g placed at the picked positions of a zero tensor. */
    static Tensor unpick(Tensor g, Tensor index, int axis, int dim) {
        int[] outShape = ShapeOps.insertAxis(g.shape(), axis);
        outShape[axis] = dim;
        int outer = ReductionOps.prod(outShape, 0, axis);
        int inner = ReductionOps.prod(outShape, axis + 1, outShape.length);
        int[] idx = indices("pick", index, dim);
        Tensor out = Tensor.zeros(g.dtype(), outShape);
        Storage dst = out.storage();
        Storage src = g.storage();
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                dst.set((o * dim + idx[o * inner + i]) * inner + i, src.get(o * inner + i));
            }
        }
        return Recorder.record("unpick", out, new Tensor[] {g}, new Tensor[] {index}, (n, gg) -> new Tensor[] {
            pick(gg, n.saved(0), axis)});
    }

    /** Slices of x along an axis, in the order given (NumPy's {@code take});  d/dx = g added back at those slices. */
    public static Tensor take(Tensor x, int[] indices, int axis) {
        int[] xs = x.shape();
        int a = Shapes.axis("take", axis, xs.length);
        int dim = xs[a];
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || indices[j] >= dim) {
                throw new IllegalArgumentException("take: index " + indices[j] + " at position " + j
                        + " is out of range for axis " + axis + " of size " + dim);
            }
        }
        int[] idx = indices.clone();
        int outer = ReductionOps.prod(xs, 0, a);
        int inner = ReductionOps.prod(xs, a + 1, xs.length);
        int[] outShape = xs.clone();
        outShape[a] = idx.length;
        Tensor out = Tensor.wrap(Storage.allocate(x.dtype(), Shapes.size(outShape)), outShape);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                x.storage().copyTo((o * dim + idx[j]) * inner, out.storage(), (o * idx.length + j) * inner, inner);
            }
        }
        return Recorder.record("take", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {scatterAdd(g, idx, a, dim)});
    }

    /** The adjoint of take: slices of g added into a zero tensor at the given indices. */
    static Tensor scatterAdd(Tensor g, int[] idx, int axis, int dim) {
        int[] gs = g.shape();
        int[] outShape = gs.clone();
        outShape[axis] = dim;
        int outer = ReductionOps.prod(gs, 0, axis);
        int inner = ReductionOps.prod(gs, axis + 1, gs.length);
        Tensor out = Tensor.zeros(g.dtype(), outShape);
        Storage dst = out.storage();
        Storage src = g.storage();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                int from = (o * idx.length + j) * inner;
                int to = (o * dim + idx[j]) * inner;
                for (int i = 0; i < inner; i++) {
                    dst.set(to + i, dst.get(to + i) + src.get(from + i));
                }
            }
        }
        return Recorder.record("scatter_add", out, new Tensor[] {g}, null, (n, gg) -> new Tensor[] {take(gg, idx, axis)});
    }

    /** One-hot rows: out[..., k] = 1 where index[...] == k; not differentiable. */
    public static Tensor oneHot(Tensor index, int depth, DType dtype) {
        if (depth <= 0) {
            throw new IllegalArgumentException("oneHot: depth must be positive, got " + depth);
        }
        int[] idx = indices("oneHot", index, depth);
        int[] shape = ShapeOps.insertAxis(index.shape(), index.rank());
        shape[index.rank()] = depth;
        Tensor out = Tensor.zeros(dtype, shape);
        for (int i = 0; i < idx.length; i++) {
            out.storage().set(i * depth + idx[i], 1);
        }
        return out;
    }

    /** The integer values of an index tensor, checked to lie in [0, bound). */
    public static int[] indices(String op, Tensor index, int bound) {
        int n = index.size();
        int[] out = new int[n];
        Storage s = index.storage();
        for (int i = 0; i < n; i++) {
            double v = s.get(i);
            int k = (int) v;
            if (k != v || k < 0 || k >= bound) {
                throw new IllegalArgumentException(op + ": index " + v + " at position " + i
                        + " is not an integer in [0, " + bound + ")");
            }
            out[i] = k;
        }
        return out;
    }
}
