package org.jgrad.tensor;

import java.util.Arrays;

/**
 * Helpers for shapes, which jgrad keeps as plain {@code int[]} (row-major, last axis fastest).
 * Every check here names the op that asked, so errors read like
 * {@code add: shapes (2, 3) and (4,) cannot be broadcast}.
 */
public final class Shapes {
    private Shapes() {
    }

    /** Number of elements of a shape; the empty shape (a scalar) has one. */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + toString(shape) + " has more than 2^31 elements");
            }
        }
        return (int) n;
    }

    /** Row-major strides in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** A shape as NumPy's error messages print it: {@code (2,3)}, {@code (4,)}, {@code ()}. */
    public static String toString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /**
     * The shape two operands broadcast to under NumPy's rules: align from the last axis; each pair
     * of dimensions must be equal or one of them 1.
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        if (Arrays.equals(a, b)) {
            return a.clone();
        }
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.length ? a[a.length - i] : 1;
            int db = i <= b.length ? b[b.length - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + toString(a) + " and " + toString(b)
                        + " cannot be broadcast: axis " + (-i) + " has " + da + " and " + db
                        + " (each pair of dimensions must be equal or 1)");
            }
            out[rank - i] = da == 1 ? db : da;
        }
        return out;
    }

    /** True when {@code from} broadcasts to {@code to} without changing {@code to}. */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        for (int i = 1; i <= from.length; i++) {
            int f = from[from.length - i];
            if (f != 1 && f != to[to.length - i]) {
                return false;
            }
        }
        return true;
    }

    /** Turns a possibly negative axis into 0..rank-1, or explains why it cannot. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank
                    + (rank == 0 ? " (a scalar has no axes)" : " (valid: " + (-rank) + ".." + (rank - 1) + ")"));
        }
        return a;
    }

    /** Normalizes a list of axes, rejecting duplicates; an empty list means every axis. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, axes[i], rank);
            if (seen[out[i]]) {
                throw new IllegalArgumentException(op + ": axis " + axes[i] + " is listed twice");
            }
            seen[out[i]] = true;
        }
        Arrays.sort(out);
        return out;
    }

    /** Resolves one -1 in a requested shape against a size, as NumPy's reshape does. */
    public static int[] resolveReshape(int[] from, int[] to) {
        int size = size(from);
        int[] out = to.clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (unknown >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension can be -1, got " + toString(to));
                }
                unknown = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape: negative dimension in " + toString(to));
            } else {
                known *= out[i];
            }
        }
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + toString(from) + " (" + size
                        + " elements) into " + toString(to));
            }
            out[unknown] = (int) (size / known);
        }
        if (size(out) != size) {
            throw new IllegalArgumentException("reshape: cannot reshape " + toString(from) + " (" + size
                    + " elements) into " + toString(to) + " (" + size(out) + " elements)");
        }
        return out;
    }
}
