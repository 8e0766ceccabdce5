package org.jgrad.io;

import org.jgrad.tensor.DType;
import org.jgrad.tensor.Shapes;

/**
 * One tensor as a safetensors header describes it: its name, dtype, shape and the byte range
 * {@code [begin, end)} of its values, counted from the start of the data buffer.
 */
record HeaderEntry(String name, DType dtype, int[] shape, long begin, long end) {

    /** The safetensors spelling of a jgrad dtype. */
    static String code(DType dtype) {
        return dtype == DType.FLOAT32 ? "F32" : "F64";
    }

    /** The jgrad dtype of a safetensors dtype code, or null if jgrad has none. */
    static DType dtypeOf(String code) {
        switch (code) {
            case "F32": return DType.FLOAT32;
            case "F64": return DType.FLOAT64;
            default: return null;
        }
    }

    /** The number of values. */
    int count() {
        return Shapes.size(shape);
    }

    @Override
    public String toString() {
        return "'" + name + "' (" + code(dtype) + " " + java.util.Arrays.toString(shape) + ", bytes [" + begin + ", " + end + "))";
    }
}
