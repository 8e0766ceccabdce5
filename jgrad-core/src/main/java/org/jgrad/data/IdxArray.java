package org.jgrad.data;

import java.util.Arrays;

/**
 * The contents of one unsigned-byte IDX file: its dimensions, e.g. (60000, 28, 28) for images or
 * (60000) for labels, and its values as raw bytes, row-major (read them with {@link #unsigned}).
 * Axis 0 counts the items; {@link #itemSize()} is the number of bytes per item.
 */
public final class IdxArray {
    private final String source;
    private final int[] dims;
    private final byte[] values;

    /**
     * @param source where the values came from, for error messages (a file name)
     * @param dims   at least one dimension, none negative
     * @param values exactly the product of {@code dims} bytes; shared, not copied
     */
    public IdxArray(String source, int[] dims, byte[] values) {
        if (dims.length == 0) {
            throw new IllegalArgumentException(source + ": an IDX array needs at least one dimension");
        }
        long product = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(source + ": negative dimension in " + Arrays.toString(dims));
            }
            product *= d;
        }
        if (product != values.length) {
            throw new IllegalArgumentException(source + ": dimensions " + Arrays.toString(dims) + " need " + product
                    + " bytes but " + values.length + " were given");
        }
        this.source = source;
        this.dims = dims.clone();
        this.values = values;
    }

    /** An array built in memory (its source reads "in-memory array"). */
    public IdxArray(int[] dims, byte[] values) {
        this("in-memory array", dims, values);
    }

    /** The file (or other origin) the values were read from. */
    public String source() {
        return source;
    }

    public int[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** Number of items: the length of axis 0. */
    public int count() {
        return dims[0];
    }

    /** Bytes per item: the product of the dimensions after the first (1 for a 1-D array). */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /** The raw bytes, shared with this array: do not change them. */
    public byte[] values() {
        return values;
    }

    /** The i-th value (flat, row-major) as an int in [0, 255]. */
    public int unsigned(int i) {
        return values[i] & 0xFF;
    }

    /** A new array holding the given items (rows along axis 0), in the given order. */
    public IdxArray rows(int[] indices) {
        int item = itemSize();
        byte[] out = new byte[Math.multiplyExact(indices.length, item)];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= count()) {
                throw new IndexOutOfBoundsException(source + ": item " + i + " is outside [0, " + count() + ")");
            }
            System.arraycopy(values, i * item, out, k * item, item);
        }
        int[] newDims = dims.clone();
        newDims[0] = indices.length;
        return new IdxArray(source, newDims, out);
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims) + " from " + source;
    }
}
