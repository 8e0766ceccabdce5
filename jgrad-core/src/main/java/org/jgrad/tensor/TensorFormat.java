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
        String[] cells = cells(t);
        int width = 0;
        for (String c : cells) {
            width = Math.max(width, c.length());
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

    /**
     * One style for all elements, as NumPy chooses it: integers as "3.", scientific notation when
     * magnitudes span more than 1e3 or leave [1e-4, 1e8), else fixed with as many decimals as the
     * most precise element needs (at most 8 for float64, 4 for float32).
     */
    private static String[] cells(Tensor t) {
        int n = t.size();
        int precision = t.dtype() == DType.FLOAT64 ? 8 : 4;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        boolean integers = true;
        for (int i = 0; i < n; i++) {
            double v = t.storage().get(i);
            if (!Double.isFinite(v)) {
                continue;
            }
            double a = Math.abs(v);
            maxAbs = Math.max(maxAbs, a);
            if (a > 0) {
                minAbs = Math.min(minAbs, a);
            }
            integers &= v == Math.rint(v);
        }
        boolean scientific = !integers && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
        String pattern;
        if (integers && maxAbs < 1e16) {
            pattern = "%.0f.";
        } else if (scientific) {
            pattern = "%." + precision + "e";
        } else {
            int decimals = 1;
            for (int i = 0; i < n; i++) {
                double v = t.storage().get(i);
                if (Double.isFinite(v)) {
                    String f = String.format(Locale.ROOT, "%." + precision + "f", v).replaceAll("0+$", "");
                    decimals = Math.max(decimals, f.length() - f.indexOf('.') - 1);
                }
            }
            pattern = "%." + decimals + "f";
        }
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            double v = t.storage().get(i);
            out[i] = Double.isNaN(v) ? "nan" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf")
                    : String.format(Locale.ROOT, pattern, v);
        }
        return out;
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
}
