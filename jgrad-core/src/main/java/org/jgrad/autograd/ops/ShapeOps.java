package org.jgrad.autograd.ops;

import java.util.Arrays;
import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * Ops that move values without arithmetic. Each backward is the adjoint move: reshape ↔ reshape,
 * permute ↔ inverse permute, slice ↔ pad with zeros, concat ↔ slices.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** The same values in a new shape (one dimension may be −1); shares storage;  d/dx = reshape(g, x.shape). */
    public static Tensor reshape(Tensor x, int... shape) {
        int[] from = x.shape();
        int[] to = Shapes.resolveReshape(from, shape);
        if (Arrays.equals(from, to)) {
            return x;
        }
        Tensor out = Tensor.wrap(x.storage(), to);
        if (!x.requiresGrad() && x.name() != null) {
            out.name(x.name()); // a reshaped named constant is still that constant (graph pictures show its name)
        }
        return Recorder.record("reshape", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {reshape(g, n.inputShape(0))});
    }

    /** Axes reordered: out axis i is x's axis {@code axes[i]};  d/dx = permute(g, inverse). */
    public static Tensor permute(Tensor x, int... axes) {
        int[] xs = x.shape();
        int r = xs.length;
        if (axes.length != r) {
            throw new IllegalArgumentException("transpose: " + Arrays.toString(axes) + " does not list each of the "
                    + r + " axes of a tensor of shape " + Shapes.toString(xs) + " once");
        }
        int[] ax = new int[r];
        int[] inverse = new int[r];
        boolean[] seen = new boolean[r];
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            ax[i] = Shapes.axis("transpose", axes[i], r);
            if (seen[ax[i]]) {
                throw new IllegalArgumentException("transpose: axis " + axes[i] + " appears twice in " + Arrays.toString(axes));
            }
            seen[ax[i]] = true;
            inverse[ax[i]] = i;
            identity &= ax[i] == i;
        }
        if (identity) {
            return x;
        }
        int[] strides = Shapes.strides(xs);
        int[] outShape = new int[r];
        int[] src = new int[r];
        for (int i = 0; i < r; i++) {
            outShape[i] = xs[ax[i]];
            src[i] = strides[ax[i]];
        }
        Tensor out = Tensor.wrap(Storage.allocate(x.dtype(), x.size()), outShape);
        Elementwise.K.stridedCopy(x.storage(), 0, outShape, src, out.storage());
        return Recorder.record("transpose", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {permute(g, inverse)});
    }

    /** Elements [start, end) along an axis (negative bounds count from the end);  d/dx = g padded with zeros. */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int[] xs = x.shape();
        int a = Shapes.axis("slice", axis, xs.length);
        int dim = xs[a];
        int s = start < 0 ? start + dim : start;
        int e = end < 0 ? end + dim : end;
        if (s < 0 || e > dim || s > e) {
            throw new IllegalArgumentException("slice: [" + start + ", " + end + ") is not a range within axis " + axis
                    + " of size " + dim + " (shape " + Shapes.toString(xs) + ")");
        }
        if (s == 0 && e == dim) {
            return x;
        }
        int outer = ReductionOps.prod(xs, 0, a);
        int inner = ReductionOps.prod(xs, a + 1, xs.length);
        int[] outShape = xs.clone();
        outShape[a] = e - s;
        Tensor out = Tensor.wrap(Storage.allocate(x.dtype(), Shapes.size(outShape)), outShape);
        Elementwise.K.stridedCopy(x.storage(), s * inner, new int[] {outer, (e - s) * inner},
                new int[] {dim * inner, 1}, out.storage());
        return Recorder.record("slice", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {pad(g, a, s, dim)});
    }

    /** g placed at [before, before + len) along an axis of a zero tensor of size {@code dim} there;  the adjoint of slice. */
    static Tensor pad(Tensor g, int axis, int before, int dim) {
        int[] gs = g.shape();
        int len = gs[axis];
        int outer = ReductionOps.prod(gs, 0, axis);
        int inner = ReductionOps.prod(gs, axis + 1, gs.length);
        int[] outShape = gs.clone();
        outShape[axis] = dim;
        Tensor out = Tensor.zeros(g.dtype(), outShape);
        for (int o = 0; o < outer; o++) {
            g.storage().copyTo(o * len * inner, out.storage(), (o * dim + before) * inner, len * inner);
        }
        return Recorder.record("pad", out, new Tensor[] {g}, null, (n, gg) -> new Tensor[] {slice(gg, axis, before, before + len)});
    }

    /** Tensors joined along an axis; all other dimensions must agree;  each input's gradient is its slice of g. */
    public static Tensor concat(int axis, Tensor... ts) {
        if (ts.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        int[] first = ts[0].shape();
        int a = Shapes.axis("concat", axis, first.length);
        int total = 0;
        for (int i = 0; i < ts.length; i++) {
            int[] s = ts[i].shape();
            Elementwise.sameDType("concat", ts[0], ts[i]);
            boolean ok = s.length == first.length;
            for (int d = 0; ok && d < s.length; d++) {
                ok = d == a || s[d] == first[d];
            }
            if (!ok) {
                throw new IllegalArgumentException("concat: tensor " + i + " has shape " + Shapes.toString(s)
                        + " but tensor 0 has " + Shapes.toString(first) + "; all dimensions except axis " + axis + " must agree");
            }
            total += s[a];
        }
        int[] outShape = first.clone();
        outShape[a] = total;
        int outer = ReductionOps.prod(first, 0, a);
        int inner = ReductionOps.prod(first, a + 1, first.length);
        Tensor out = Tensor.wrap(Storage.allocate(ts[0].dtype(), Shapes.size(outShape)), outShape);
        int[] offsets = new int[ts.length + 1];
        for (int i = 0; i < ts.length; i++) {
            int len = ts[i].shape()[a];
            for (int o = 0; o < outer; o++) {
                ts[i].storage().copyTo(o * len * inner, out.storage(), (o * total + offsets[i]) * inner, len * inner);
            }
            offsets[i + 1] = offsets[i] + len;
        }
        return Recorder.record("concat", out, ts.clone(), null, (n, g) -> {
            Tensor[] grads = new Tensor[offsets.length - 1];
            for (int i = 0; i < grads.length; i++) {
                grads[i] = n.needsGrad(i) ? slice(g, a, offsets[i], offsets[i + 1]) : null;
            }
            return grads;
        });
    }

    /** Tensors of equal shape stacked along a new axis. */
    public static Tensor stack(int axis, Tensor... ts) {
        if (ts.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int[] s = ts[0].shape();
        int a = Shapes.axis("stack", axis, s.length + 1);
        Tensor[] expanded = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (!Arrays.equals(ts[i].shape(), s)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shapes.toString(ts[i].shape())
                        + " but tensor 0 has " + Shapes.toString(s) + "; stacked tensors must have equal shapes");
            }
            expanded[i] = reshape(ts[i], insertAxis(s, a));
        }
        return concat(a, expanded);
    }

    static int[] insertAxis(int[] shape, int axis) {
        int[] out = new int[shape.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == axis ? 1 : shape[j++];
        }
        return out;
    }
}
