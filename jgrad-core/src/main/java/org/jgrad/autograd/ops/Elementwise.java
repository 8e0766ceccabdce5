package org.jgrad.autograd.ops;

import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.KernelProvider;
import org.jgrad.tensor.kernel.Kernels;
import org.jgrad.tensor.kernel.Storage;
import org.jgrad.tensor.kernel.UnaryOp;

/** Forward computation shared by the element-wise op families: checks, allocation, one kernel call. */
final class Elementwise {
    static final Kernels K = KernelProvider.get();

    private Elementwise() {
    }

    static Tensor unary(UnaryOp op, Tensor x) {
        Tensor out = Tensor.wrap(Storage.allocate(x.dtype(), x.size()), x.shape());
        K.unary(op, x.storage(), out.storage());
        return out;
    }

    static Tensor binary(String name, BinaryOp op, Tensor a, Tensor b) {
        sameDType(name, a, b);
        int[] as = a.shape();
        int[] bs = b.shape();
        int[] os = Shapes.broadcast(name, as, bs);
        Tensor out = Tensor.wrap(Storage.allocate(a.dtype(), Shapes.size(os)), os);
        K.binary(op, a.storage(), as, b.storage(), bs, out.storage(), os);
        return out;
    }

    static void sameDType(String name, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(name + ": dtypes differ (" + a.dtype() + " and " + b.dtype()
                    + "); convert one with astype(" + a.dtype() + ") first");
        }
    }

    /** A 0-d constant of t's dtype, the right partner for a binary op with a number. */
    static Tensor scalarLike(Tensor t, double v) {
        return Tensor.scalar(v, t.dtype());
    }
}
