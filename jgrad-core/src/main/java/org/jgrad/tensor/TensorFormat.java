package org.jgrad.tensor;

import java.util.Locale;

/**
 * Prints tensors the way NumPy prints arrays: nested brackets, aligned values, and "..." in the
 * middle of any axis longer than six when the tensor has more than 1000 elements.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        int[] shape = t.shape();
        boolean elide = t.size() > THRESHOLD;
        String[] cells = new String[t.size()];
        int width = 0;
        for (int i = 0; i < cells.length; i++) {
            cells[i] = number(t.storage().get(i), t.dtype());
            width = Math.max(width, cells[i].length());
        }
        StringBuilder sb = new StringBuilder("tensor(");
        String indent = " ".repeat("tensor(".length());
        if (shape.length == 0) {
            sb.append(cells[0]);
        } else {
            block(sb, cells, shape, 0, 0, width, elide, indent);
        }
        sb.append(", shape=").append(Shapes.toString(shape)).append(", dtype=").append(t.dtype());
        if (t.name() != null) {
            sb.append(", name=").append(t.name());
        }
        return sb.append(')').toString();
    }

    private static void block(StringBuilder sb, String[] cells, int[] shape, int axis, int offset, int width,
                              boolean elide, String indent) {
        int n = shape[axis];
        int stride = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            stride *= shape[i];
        }
        sb.append('[');
        boolean cut = elide && n > 2 * EDGE;
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE) {
                sb.append(axis == shape.length - 1 ? "..., " : "...,\n" + indent + " ".repeat(axis + 1));
                i = n - EDGE;
            }
            if (axis == shape.length - 1) {
                String c = cells[offset + i];
                sb.append(" ".repeat(width - c.length())).append(c);
            } else {
                block(sb, cells, shape, axis + 1, offset + i * stride, width, elide, indent);
            }
            if (i < n - 1) {
                sb.append(axis == shape.length - 1 ? ", " : ",\n" + "\n".repeat(Math.max(0, shape.length - axis - 2))
                        + indent + " ".repeat(axis + 1));
            }
        }
        sb.append(']');
    }

    private static String number(double v, DType dtype) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return String.format(Locale.ROOT, "%.0f.", v);
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e8) {
            String s = String.format(Locale.ROOT, dtype == DType.FLOAT32 ? "%.4f" : "%.8f", v);
            s = s.replaceAll("0+$", "");
            return s;
        }
        return String.format(Locale.ROOT, dtype == DType.FLOAT32 ? "%.4e" : "%.8e", v);
    }
}
