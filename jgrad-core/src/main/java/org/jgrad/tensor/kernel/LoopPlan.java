package org.jgrad.tensor.kernel;

/**
 * How to walk an n-d output while reading operands at their own strides (0 on broadcast axes).
 * Axes of size one are dropped and neighbouring axes that are contiguous for every operand are
 * merged, so the common cases collapse to one or two loops: same shape → one run of {@code size};
 * a bias row added to a matrix → rows × columns.
 */
public final class LoopPlan {
    /** Loop extents, outermost first; never empty. */
    public final int[] dims;
    /** strides[k][axis]: step of operand k along each loop axis. */
    public final int[][] strides;
    /** Total number of output elements. */
    public final int size;

    private LoopPlan(int[] dims, int[][] strides, int size) {
        this.dims = dims;
        this.strides = strides;
        this.size = size;
    }

    /** Elements in the innermost loop. */
    public int inner() {
        return dims[dims.length - 1];
    }

    /** Number of innermost runs. */
    public int outer() {
        int n = 1;
        for (int i = 0; i < dims.length - 1; i++) {
            n *= dims[i];
        }
        return n;
    }

    /** Strides of each operand reading a row-major array of {@code shape} broadcast to {@code out}. */
    public static int[] broadcastStrides(int[] shape, int[] out) {
        int[] own = org.jgrad.tensor.Shapes.strides(shape);
        int[] s = new int[out.length];
        int shift = out.length - shape.length;
        for (int i = 0; i < shape.length; i++) {
            s[i + shift] = shape[i] == 1 ? 0 : own[i];
        }
        return s;
    }

    /** A plan for an element-wise op on operands of the given shapes, broadcast to {@code out}. */
    public static LoopPlan broadcast(int[] out, int[]... operandShapes) {
        int[][] strides = new int[operandShapes.length][];
        for (int k = 0; k < operandShapes.length; k++) {
            strides[k] = broadcastStrides(operandShapes[k], out);
        }
        return of(out, strides);
    }

    /** A plan for walking {@code out} with explicit per-operand strides (one entry per axis of out). */
    public static LoopPlan of(int[] out, int[][] strides) {
        int ops = strides.length;
        int size = org.jgrad.tensor.Shapes.size(out);
        int[] dims = new int[Math.max(out.length, 1)];
        int[][] st = new int[ops][dims.length];
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == 1) {
                continue;
            }
            if (n > 0 && mergeable(st, strides, n - 1, i, out[i], ops)) {
                // axis i continues axis n-1 for every operand: fold it in
                dims[n - 1] *= out[i];
                for (int k = 0; k < ops; k++) {
                    st[k][n - 1] = strides[k][i];
                }
                continue;
            }
            dims[n] = out[i];
            for (int k = 0; k < ops; k++) {
                st[k][n] = strides[k][i];
            }
            n++;
        }
        if (n == 0) {
            dims[0] = size == 0 ? 0 : 1;
            n = 1;
        }
        int[] d = java.util.Arrays.copyOf(dims, n);
        int[][] s = new int[ops][];
        for (int k = 0; k < ops; k++) {
            s[k] = java.util.Arrays.copyOf(st[k], n);
        }
        return new LoopPlan(d, s, size);
    }

    private static boolean mergeable(int[][] st, int[][] strides, int prev, int axis, int extent, int ops) {
        // axis continues the previous one when, for every operand, stepping the previous axis once
        // equals stepping this axis across its whole extent
        for (int k = 0; k < ops; k++) {
            if ((long) st[k][prev] != (long) strides[k][axis] * extent) {
                return false;
            }
        }
        return true;
    }
}
