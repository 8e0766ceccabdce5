package org.jgrad.tensor.kernel;

/**
 * The reference kernels: plain loops, every value computed in double precision and rounded once
 * to the storage's type. Correct above all; the Vector-API kernels are tested against these.
 */
public class ScalarKernels implements Kernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void unary(UnaryOp op, Storage x, Storage out) {
        int n = x.length();
        if (x.isFloat()) {
            float[] xs = x.floats();
            float[] os = out.floats();
            for (int i = 0; i < n; i++) {
                os[i] = (float) op.apply(xs[i]);
            }
        } else {
            double[] xs = x.doubles();
            double[] os = out.doubles();
            for (int i = 0; i < n; i++) {
                os[i] = op.apply(xs[i]);
            }
        }
    }

    @Override
    public void binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage out, int[] outShape) {
        LoopPlan plan = LoopPlan.broadcast(outShape, aShape, bShape);
        if (plan.size == 0) {
            return;
        }
        int[] dims = plan.dims;
        int[] sa = plan.strides[0];
        int[] sb = plan.strides[1];
        int last = dims.length - 1;
        int inner = dims[last];
        int ia = sa[last];
        int ib = sb[last];
        int[] idx = new int[dims.length];
        int aOff = 0;
        int bOff = 0;
        int outer = plan.outer();
        boolean f = out.isFloat();
        for (int o = 0, oOff = 0; o < outer; o++, oOff += inner) {
            if (f) {
                rowF(op, a.floats(), aOff, ia, b.floats(), bOff, ib, out.floats(), oOff, inner);
            } else {
                rowD(op, a.doubles(), aOff, ia, b.doubles(), bOff, ib, out.doubles(), oOff, inner);
            }
            // advance the outer index like an odometer
            for (int d = last - 1; d >= 0; d--) {
                aOff += sa[d];
                bOff += sb[d];
                if (++idx[d] < dims[d]) {
                    break;
                }
                aOff -= sa[d] * dims[d];
                bOff -= sb[d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    private static void rowF(BinaryOp op, float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int n) {
        for (int j = 0; j < n; j++, ai += sa, bi += sb) {
            o[oi + j] = (float) op.apply(a[ai], b[bi]);
        }
    }

    private static void rowD(BinaryOp op, double[] a, int ai, int sa, double[] b, int bi, int sb, double[] o, int oi, int n) {
        for (int j = 0; j < n; j++, ai += sa, bi += sb) {
            o[oi + j] = op.apply(a[ai], b[bi]);
        }
    }

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int mid, int inner, Storage out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * mid * inner + i;
                double acc = op == ReduceOp.SUM ? 0.0 : (op == ReduceOp.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                for (int m = 0; m < mid; m++) {
                    double v = x.get(base + m * inner);
                    switch (op) {
                        case SUM: acc += v; break;
                        case MAX: acc = Double.isNaN(v) || v > acc ? v : acc; break;
                        default: acc = Double.isNaN(v) || v < acc ? v : acc; break;
                    }
                    if (Double.isNaN(acc) && op != ReduceOp.SUM) {
                        break; // NaN wins max and min, as in NumPy
                    }
                }
                out.set(o * inner + i, acc);
            }
        }
    }

    @Override
    public void argReduce(boolean max, Storage x, int outer, int mid, int inner, Storage out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * mid * inner + i;
                int best = 0;
                double bestV = x.get(base);
                for (int m = 1; m < mid && !Double.isNaN(bestV); m++) {
                    double v = x.get(base + m * inner);
                    if (Double.isNaN(v) || (max ? v > bestV : v < bestV)) {
                        best = m;
                        bestV = v;
                    }
                }
                out.set(o * inner + i, best);
            }
        }
    }

    @Override
    public void stridedCopy(Storage x, int offset, int[] outShape, int[] srcStrides, Storage out) {
        LoopPlan plan = LoopPlan.of(outShape, new int[][] {srcStrides});
        if (plan.size == 0) {
            return;
        }
        int[] dims = plan.dims;
        int[] s = plan.strides[0];
        int last = dims.length - 1;
        int inner = dims[last];
        int step = s[last];
        int[] idx = new int[dims.length];
        int src = offset;
        int outer = plan.outer();
        for (int o = 0, dst = 0; o < outer; o++, dst += inner) {
            if (step == 1) {
                x.copyTo(src, out, dst, inner);
            } else if (x.isFloat()) {
                float[] xs = x.floats();
                float[] os = out.floats();
                for (int j = 0, p = src; j < inner; j++, p += step) {
                    os[dst + j] = xs[p];
                }
            } else {
                double[] xs = x.doubles();
                double[] os = out.doubles();
                for (int j = 0, p = src; j < inner; j++, p += step) {
                    os[dst + j] = xs[p];
                }
            }
            for (int d = last - 1; d >= 0; d--) {
                src += s[d];
                if (++idx[d] < dims[d]) {
                    break;
                }
                src -= s[d] * dims[d];
                idx[d] = 0;
            }
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                     double beta, Storage c, int cOff, int ldc) {
        if (c.isFloat()) {
            NaiveGemm.sgemm(transA, transB, m, n, k, a.floats(), aOff, lda, b.floats(), bOff, ldb,
                    (float) beta, c.floats(), cOff, ldc);
        } else {
            NaiveGemm.dgemm(transA, transB, m, n, k, a.doubles(), aOff, lda, b.doubles(), bOff, ldb,
                    beta, c.doubles(), cOff, ldc);
        }
    }

    @Override
    public void gemmRelu(boolean transA, boolean transB, int m, int n, int k,
                         Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                         double beta, Storage c, int cOff, int ldc) {
        gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        for (int i = 0; i < m; i++) {
            for (int j = cOff + i * ldc, end = j + n; j < end; j++) {
                c.set(j, UnaryOp.RELU.apply(c.get(j)));
            }
        }
    }

    @Override
    public void reluGradAndColumnSums(Storage g, Storage y, int rows, int cols, Storage dz, Storage colSums) {
        double[] sums = new double[cols]; // summed as reduce sums: in double, from 0
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                dz.set(i, BinaryOp.RELU_GRAD.apply(g.get(i), y.get(i)));
                sums[c] += dz.get(i);
            }
        }
        if (colSums != null) {
            for (int c = 0; c < cols; c++) {
                colSums.set(c, sums[c]);
            }
        }
    }

    @Override
    public double sumOfSquares(Storage x, Storage y) {
        double s = 0;
        for (int i = 0; i < x.length(); i++) {
            double d = y == null ? x.get(i) : x.get(i) - y.get(i);
            s += d * d;
        }
        return s;
    }

    @Override
    public void logSoftmax(Storage x, int outer, int n, int inner, Storage out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int m = 0; m < n; m++) {
                    max = Math.max(max, x.get(base + m * inner));
                }
                if (Double.isInfinite(max)) {
                    max = 0; // all −∞ (or +∞): let the arithmetic give −∞/NaN as IEEE says
                }
                double sum = 0;
                for (int m = 0; m < n; m++) {
                    sum += Math.exp(x.get(base + m * inner) - max);
                }
                double lse = max + Math.log(sum);
                for (int m = 0; m < n; m++) {
                    out.set(base + m * inner, x.get(base + m * inner) - lse);
                }
            }
        }
    }

    @Override
    public void softmaxCrossEntropy(Storage logits, int rows, int cols, int[] labels, Storage loss, Storage prob) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, logits.get(base + c));
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp(logits.get(base + c) - max);
                prob.set(base + c, e);
                sum += e;
            }
            double inv = 1.0 / sum;
            for (int c = 0; c < cols; c++) {
                prob.set(base + c, prob.get(base + c) * inv);
            }
            loss.set(r, max + Math.log(sum) - logits.get(base + labels[r]));
        }
    }

    @Override
    public void softmaxCrossEntropyBackward(Storage prob, int rows, int cols, int[] labels, Storage g, Storage out) {
        boolean single = out.isFloat();
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double gr = g.get(r);
            for (int c = 0; c < cols; c++) {
                double p = prob.get(base + c);
                // the float case rounds the difference to float first, as the float kernels do
                double d = c == labels[r] ? (single ? (float) (p - 1) : p - 1) : p;
                out.set(base + c, d * gr);
            }
        }
    }
}
