package org.jgrad.autograd.ops;

import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;

/** dtype conversion;  the gradient is converted back. */
public final class CastOps {
    private CastOps() {
    }

    public static Tensor astype(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor out = Tensor.wrap(x.storage().convert(dtype), x.shape());
        DType from = x.dtype();
        return Recorder.record("astype", out, new Tensor[] {x}, null, (n, g) -> new Tensor[] {astype(g, from)});
    }
}
