package org.jgrad.tensor.kernel;

import org.jgrad.tensor.DType;

/**
 * A flat, row-major block of numbers: a {@code float[]} for float32 or a {@code double[]} for
 * float64. Kernels work on storages; tensors add shape and autograd on top.
 */
public final class Storage {
    private final DType dtype;
    private final float[] f;
    private final double[] d;

    private Storage(float[] f, double[] d) {
        this.f = f;
        this.d = d;
        this.dtype = f != null ? DType.FLOAT32 : DType.FLOAT64;
    }

    public static Storage wrap(float[] values) {
        return new Storage(values, null);
    }

    public static Storage wrap(double[] values) {
        return new Storage(null, values);
    }

    /** A zero-filled storage of n elements. */
    public static Storage allocate(DType dtype, int n) {
        return dtype == DType.FLOAT32 ? new Storage(new float[n], null) : new Storage(null, new double[n]);
    }

    public DType dtype() {
        return dtype;
    }

    public boolean isFloat() {
        return f != null;
    }

    public int length() {
        return f != null ? f.length : d.length;
    }

    /** Bytes the values take (what memory accounting counts). */
    public long bytes() {
        return (long) length() * dtype.bytes();
    }

    /** The backing float array; only for float32 storages. */
    public float[] floats() {
        if (f == null) {
            throw new IllegalStateException("this storage holds float64 values, not float32");
        }
        return f;
    }

    /** The backing double array; only for float64 storages. */
    public double[] doubles() {
        if (d == null) {
            throw new IllegalStateException("this storage holds float32 values, not float64");
        }
        return d;
    }

    public double get(int i) {
        return f != null ? f[i] : d[i];
    }

    public void set(int i, double v) {
        if (f != null) {
            f[i] = (float) v;
        } else {
            d[i] = v;
        }
    }

    public void fill(double v) {
        if (f != null) {
            java.util.Arrays.fill(f, (float) v);
        } else {
            java.util.Arrays.fill(d, v);
        }
    }

    public Storage copy() {
        return f != null ? wrap(f.clone()) : wrap(d.clone());
    }

    /** Copies n values from this storage into another of the same dtype. */
    public void copyTo(int from, Storage dst, int to, int n) {
        Object src = f != null ? f : d;
        Object out = f != null ? dst.floats() : dst.doubles();
        if (src != out && n >= 2 * Parallel.ELEMENT_GRAIN) {
            // e.g. a weight gradient into its buffer, the halves of which two cores have just written
            Parallel.forRange(n, Parallel.ELEMENT_GRAIN, (lo, hi) -> System.arraycopy(src, from + lo, out, to + lo, hi - lo));
        } else {
            System.arraycopy(src, from, out, to, n);
        }
    }

    /** Converts to another dtype (a copy either way). */
    public Storage convert(DType to) {
        if (to == dtype) {
            return copy();
        }
        int n = length();
        if (to == DType.FLOAT64) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = f[i];
            }
            return wrap(out);
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) d[i];
        }
        return wrap(out);
    }
}
