package org.jgrad.autograd.ops;

import static org.jgrad.autograd.ops.BroadcastOps.sumTo;

import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.Node;
import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.LoopPlan;
import org.jgrad.tensor.kernel.Parallel;
import org.jgrad.tensor.kernel.Storage;

/**
 * Matrix products. The primitive is {@link #mm}: C = op(A)·op(B) over broadcast batch axes, where
 * op transposes on request, so backward needs no transposed copies:
 * for C = A·B, dA = dC·Bᵀ and dB = Aᵀ·dC.
 */
public final class LinalgOps {
    /** Below this many multiply-adds per product, a layer's two backward products run side by side. */
    private static final long SIDE_BY_SIDE_MNK = Long.getLong("jgrad.linear.sideBySide", 8_000_000L);
    /** Below this many multiply-adds per product the hand-off costs more than the second thread gains. */
    private static final long SIDE_BY_SIDE_MIN_MNK = Long.getLong("jgrad.linear.sideBySideMin", 1L << 17);

    private LinalgOps() {
    }

    /**
     * NumPy's matmul: 2-D × 2-D is the matrix product; a 1-D operand is a row (left) or column
     * (right) vector whose axis is dropped from the result; higher ranks are stacks of matrices with
     * broadcast batch axes.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        Elementwise.sameDType("matmul", a, b);
        int ra = a.rank();
        int rb = b.rank();
        if (ra == 0 || rb == 0) {
            throw new IllegalArgumentException("matmul: " + Shapes.toString(a.shape()) + " × " + Shapes.toString(b.shape())
                    + ": a scalar is not a matrix; use mul");
        }
        if (ra == 1 && rb == 1) {
            return dot(a, b);
        }
        if (ra == 1) {
            Tensor r = mm(ShapeOps.reshape(a, 1, a.shape()[0]), b, false, false);
            return ShapeOps.reshape(r, ReductionOps.dropped(r.shape(), new int[] {r.rank() - 2}));
        }
        if (rb == 1) {
            Tensor r = mm(a, ShapeOps.reshape(b, b.shape()[0], 1), false, false);
            return ShapeOps.reshape(r, ReductionOps.dropped(r.shape(), new int[] {r.rank() - 1}));
        }
        if (ra > 2 && rb == 2 && a.shape()[ra - 1] == b.shape()[0]) {
            // a stack times one matrix is one tall product: fold the batch into the rows
            int[] outShape = a.shape();
            outShape[ra - 1] = b.shape()[1];
            Tensor r = mm(ShapeOps.reshape(a, -1, a.shape()[ra - 1]), b, false, false);
            return ShapeOps.reshape(r, outShape);
        }
        return mm(a, b, false, false);
    }

    /**
     * A fully connected layer's op, y = x·Wᵀ + b, for x (n, in), W (out, in) and b (out) or null:
     * one product whose output starts as the broadcast bias, so no separate add and no transposed
     * copy of W. Backward: dx = dy·W, dW = dyᵀ·x, db = Σ_rows dy.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        return linear("linear", x, w, b, false);
    }

    /**
     * relu(x·Wᵀ + b) as one op, what Gluon's {@code Dense(units, activation='relu')} computes: the
     * blocked product applies the relu to each part of y as soon as that part is final, on the
     * thread that computed it, so there is no separate pass over y and no pre-activation array
     * (the narrow-output kernel, n ≤ 8, applies it in one pass after the product). The values and
     * gradients are bit for bit those of {@code relu(linear(x, w, b))}. Backward: dz = dy where
     * y &gt; 0, then linear's backward with dz.
     */
    public static Tensor linearRelu(Tensor x, Tensor w, Tensor b) {
        return linear("linear_relu", x, w, b, true);
    }

    private static Tensor linear(String op, Tensor x, Tensor w, Tensor b, boolean relu) {
        Elementwise.sameDType(op, x, w);
        int[] xs = x.shape();
        int[] ws = w.shape();
        if (xs.length != 2 || ws.length != 2 || xs[1] != ws[1]) {
            throw new IllegalArgumentException(op + ": x " + Shapes.toString(xs) + " · W" + Shapes.toString(ws)
                    + "ᵀ: x must be (n, in) and W (out, in) with the same in");
        }
        int n = xs[0];
        int out = ws[0];
        int in = xs[1];
        Tensor y = Tensor.wrap(Storage.allocate(x.dtype(), n * out), n, out);
        if (b != null) {
            Elementwise.sameDType(op, x, b);
            if (b.rank() != 1 || b.shape()[0] != out) {
                throw new IllegalArgumentException(op + ": bias of shape " + Shapes.toString(b.shape()) + " does not fit "
                        + out + " outputs; expected (" + out + ",)");
            }
            for (int r = 0; r < n; r++) {
                b.storage().copyTo(0, y.storage(), r * out, out);
            }
        }
        double beta = b == null ? 0 : 1;
        if (relu) {
            Elementwise.K.gemmRelu(false, true, n, out, in, x.storage(), 0, in, w.storage(), 0, in, beta, y.storage(), 0, out);
        } else {
            Elementwise.K.gemm(false, true, n, out, in, x.storage(), 0, in, w.storage(), 0, in, beta, y.storage(), 0, out);
        }
        Tensor[] inputs = b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b};
        Tensor[] saved = relu ? new Tensor[] {x, w, y} : new Tensor[] {x, w};
        return Recorder.record(op, y, inputs, saved, (node, g) -> {
            if (!relu) {
                return linearGradients(node, g, null, n, out, in);
            }
            if (Autograd.isRecording()) { // differentiable ops, so the gradient can be differentiated again
                return linearGradients(node, UnaryMathOps.reluGrad(g, node.saved(2)), null, n, out, in);
            }
            // the masked gradient never leaves this function, so it goes into a kept array, and the
            // bias gradient is summed in the same pass (for one column, reduce sums in another
            // order, so linearGradients sums it as the unfused pair would)
            Tensor dz = Tensor.wrap(Scratch.of(g.dtype(), n * out), n, out);
            Tensor db = node.inputs().size() == 3 && node.needsGrad(2) && out > 1
                    ? Tensor.wrap(Storage.allocate(g.dtype(), out), out) : null;
            Elementwise.K.reluGradAndColumnSums(g.storage(), node.saved(2).storage(), n, out, dz.storage(),
                    db == null ? null : db.storage());
            return linearGradients(node, dz, db, n, out, in);
        });
    }

    /** dx = dz·W, dW = dzᵀ·x, db = Σ_rows dz (unless given), each where the node needs it. */
    private static Tensor[] linearGradients(Node node, Tensor dz, Tensor db, int n, int out, int in) {
        Tensor[] grads = new Tensor[node.inputs().size()];
        boolean dx = node.needsGrad(0);
        boolean dw = node.needsGrad(1);
        Tensor buffer = dw ? node.gradBuffer(1, dz) : null; // see Note [Lent buffers] in Engine
        if (dx && dw && side(n, out, in)) {
            Parallel.forEach(2, t -> { // see Note [Products side by side]
                if (t == 0) {
                    grads[0] = product(dz, node.saved(1), false, false, null);
                } else {
                    grads[1] = product(dz, node.saved(0), true, false, buffer);
                }
            });
        } else {
            grads[0] = dx ? mm(dz, node.saved(1), false, false) : null;
            if (dw) {
                grads[1] = buffer == null ? mm(dz, node.saved(0), true, false) : product(dz, node.saved(0), true, false, buffer);
            }
        }
        if (grads.length == 3 && node.needsGrad(2)) {
            grads[2] = db != null ? db : ReductionOps.sum(dz, new int[] {0}, false);
        }
        return grads;
    }

    /**
     * Note [Products side by side]: a linear layer's backward needs two products of equal size, dx =
     * dy·W and dW = dyᵀ·x (n·out·in multiply-adds each). When they are small, splitting each across
     * the pool hardly gains (a hand-off costs microseconds, and the worker must first fetch operands
     * the other core just wrote), so on a two-thread pool, below SIDE_BY_SIDE_MNK, the two run at
     * once, one per thread (larger pools, not measured, split each product as before); the
     * GEMM inside each finds the pool busy and stays on its thread. Measured on two threads, the
     * whole backward of a layer, in-process alternating rounds inside the MLP's training step
     * (JDK 25): the chapter's output layer (n·out·in = 0.66 million) 86 → 68 and 77 → 59 µs; a
     * 256×1024·1024×10 layer (2.6 million) 304 → 241 µs; a 256×256·256×256 layer (16.8 million)
     * no change; a 256×1024·1024×1024 layer (268 million) 7% slower, as each product alone on one
     * core runs slower than both cores on it. Not while recording (higher-order gradients), since
     * recording state belongs to the calling thread. Which thread computes a product never changes
     * its result.
     */
    private static boolean side(int n, int out, int in) {
        // measured on two threads only; with more, each product may still gain from a share of the pool
        long mnk = (long) n * out * in;
        return Parallel.threads() == 2 && !Autograd.isRecording() && mnk >= SIDE_BY_SIDE_MIN_MNK && mnk < SIDE_BY_SIDE_MNK;
    }

    /** Inner product of two vectors (a scalar); for other ranks, matmul. */
    public static Tensor dot(Tensor a, Tensor b) {
        if (a.rank() != 1 || b.rank() != 1) {
            return matmul(a, b);
        }
        int k = a.shape()[0];
        if (b.shape()[0] != k) {
            throw new IllegalArgumentException("dot: " + Shapes.toString(a.shape()) + " · " + Shapes.toString(b.shape())
                    + ": lengths " + k + " and " + b.shape()[0] + " differ");
        }
        Tensor r = mm(ShapeOps.reshape(a, 1, k), ShapeOps.reshape(b, k, 1), false, false);
        return ShapeOps.reshape(r);
    }

    /**
     * C = op(A)·op(B), op transposing the last two axes when asked; batch axes broadcast.
     * Backward, for each transpose case (G = dC):
     * <pre>
     *   A·B:   dA = G·Bᵀ    dB = Aᵀ·G
     *   A·Bᵀ:  dA = G·B     dB = Gᵀ·A
     *   Aᵀ·B:  dA = B·Gᵀ    dB = A·G
     *   Aᵀ·Bᵀ: dA = Bᵀ·Gᵀ   dB = Gᵀ·Aᵀ
     * </pre>
     */
    public static Tensor mm(Tensor a, Tensor b, boolean ta, boolean tb) {
        Tensor out = forward(a, b, ta, tb);
        return Recorder.record("matmul", out, new Tensor[] {a, b}, new Tensor[] {a, b}, (n, g) -> {
            Tensor x = n.saved(0);
            Tensor y = n.saved(1);
            Tensor da = null;
            Tensor db = null;
            if (n.needsGrad(0)) {
                da = !ta ? (!tb ? mm(g, y, false, true) : mm(g, y, false, false))
                         : (!tb ? mm(y, g, false, true) : mm(y, g, true, true));
                da = sumTo(da, n.inputShape(0));
            }
            if (n.needsGrad(1)) {
                db = !tb ? (!ta ? mm(x, g, true, false) : mm(x, g, false, false))
                         : (!ta ? mm(g, x, true, false) : mm(g, x, true, true));
                db = sumTo(db, n.inputShape(1));
            }
            return new Tensor[] {da, db};
        });
    }

    private static Tensor forward(Tensor a, Tensor b, boolean ta, boolean tb) {
        return product(a, b, ta, tb, null);
    }

    /** op(A)·op(B) into {@code out} (allocated when null; otherwise it must have the product's shape and dtype). */
    private static Tensor product(Tensor a, Tensor b, boolean ta, boolean tb, Tensor out) {
        Elementwise.sameDType("matmul", a, b);
        int[] as = a.shape();
        int[] bs = b.shape();
        if (as.length < 2 || bs.length < 2) {
            throw new IllegalArgumentException("matmul: " + Shapes.toString(as) + " × " + Shapes.toString(bs)
                    + ": both operands need at least 2 axes here");
        }
        int ra = as.length;
        int rb = bs.length;
        int m = ta ? as[ra - 1] : as[ra - 2];
        int ka = ta ? as[ra - 2] : as[ra - 1];
        int kb = tb ? bs[rb - 1] : bs[rb - 2];
        int n = tb ? bs[rb - 2] : bs[rb - 1];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: " + Shapes.toString(as) + (ta ? "ᵀ" : "") + " × "
                    + Shapes.toString(bs) + (tb ? "ᵀ" : "") + ": inner dimensions " + ka + " and " + kb + " differ");
        }
        int[] batchA = java.util.Arrays.copyOf(as, ra - 2);
        int[] batchB = java.util.Arrays.copyOf(bs, rb - 2);
        int[] batch = Shapes.broadcast("matmul", batchA, batchB);
        int[] outShape = java.util.Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        if (out == null) {
            out = Tensor.wrap(Storage.allocate(a.dtype(), Shapes.size(outShape)), outShape);
        } else if (!java.util.Arrays.equals(out.shape(), outShape) || out.dtype() != a.dtype()) {
            throw new IllegalStateException("matmul: the output buffer is " + Shapes.toString(out.shape()) + " " + out.dtype()
                    + " but the product is " + Shapes.toString(outShape) + " " + a.dtype());
        }
        int count = Shapes.size(batch);
        int[] sa = LoopPlan.broadcastStrides(batchA, batch);
        int[] sb = LoopPlan.broadcastStrides(batchB, batch);
        int matA = as[ra - 2] * as[ra - 1];
        int matB = bs[rb - 2] * bs[rb - 1];
        int[] idx = new int[batch.length];
        for (int t = 0; t < count; t++) {
            int aOff = 0;
            int bOff = 0;
            for (int d = 0; d < batch.length; d++) {
                aOff += idx[d] * sa[d];
                bOff += idx[d] * sb[d];
            }
            Elementwise.K.gemm(ta, tb, m, n, ka, a.storage(), aOff * matA, as[ra - 1], b.storage(), bOff * matB, bs[rb - 1],
                    0.0, out.storage(), t * m * n, n);
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }
}
