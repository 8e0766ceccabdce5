package org.jgrad.tensor.kernel;

/**
 * The numeric work behind every tensor op, on flat row-major storages. {@link ScalarKernels} is the
 * plain reference; a Vector-API implementation overrides the hot paths. Chosen once by
 * {@link KernelProvider}. Kernels know nothing of tensors' autograd.
 */
public interface Kernels {

    /** A short name for logs and benchmark output, e.g. {@code scalar} or {@code vector(AVX-512, 16 floats)}. */
    String name();

    /** out[i] = op(x[i]); x and out have the same length and dtype (they may be the same storage). */
    void unary(UnaryOp op, Storage x, Storage out);

    /** out = op(a, b) with NumPy broadcasting of {@code aShape} and {@code bShape} to {@code outShape}. */
    void binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage out, int[] outShape);

    /**
     * Reduces the middle axis of x viewed as [outer, mid, inner]:
     * out[o·inner + i] = op over m of x[(o·mid + m)·inner + i].
     */
    void reduce(ReduceOp op, Storage x, int outer, int mid, int inner, Storage out);

    /** Index of the first maximum (or minimum) along the middle axis, as in {@link #reduce}. */
    void argReduce(boolean max, Storage x, int outer, int mid, int inner, Storage out);

    /** out[j] = x[offset + Σ idx_a·srcStrides[a]] walking {@code outShape} row-major (permute, broadcast). */
    void stridedCopy(Storage x, int offset, int[] outShape, int[] srcStrides, Storage out);

    /**
     * C = op(A)·op(B) + beta·C, row-major, op(A) m×k, op(B) k×n; beta 0 ignores C's old contents.
     * With transA A is stored k×m; with transB B is stored n×k.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
              double beta, Storage c, int cOff, int ldc);

    /**
     * {@link #gemm}, then relu on the m×n block of C (a value ≤ 0 becomes 0, NaN stays NaN): a
     * layer's product and activation as one call, so the relu runs on each part of C while the
     * thread that computed it still has it in cache.
     */
    void gemmRelu(boolean transA, boolean transB, int m, int n, int k,
                  Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                  double beta, Storage c, int cOff, int ldc);

    /**
     * relu's backward and the gradient of the bias under it, in one pass over rows × cols: dz = g
     * where y &gt; 0, else 0 (as {@link BinaryOp#RELU_GRAD}), and, when colSums is not null,
     * colSums[c] = Σ_r dz[r, c], bit for bit what this implementation's {@link #reduce} gives for
     * axis 0.
     */
    void reluGradAndColumnSums(Storage g, Storage y, int rows, int cols, Storage dz, Storage colSums);

    /** Σ (x[i] − y[i])², or Σ x[i]² when y is null; x and y of equal length and dtype. */
    double sumOfSquares(Storage x, Storage y);

    /** Numerically stable log-softmax along the middle axis of x viewed as [outer, n, inner]. */
    void logSoftmax(Storage x, int outer, int n, int inner, Storage out);

    /**
     * Softmax cross-entropy of each row of logits [rows, cols] against integer labels, in one pass:
     * loss[r] = logsumexp(x_r) − x_r[label_r], and prob = softmax(x) (what backward needs).
     */
    void softmaxCrossEntropy(Storage logits, int rows, int cols, int[] labels, Storage loss, Storage prob);

    /**
     * Its gradient, also in one pass: out[r, c] = (prob[r, c] − [c = label_r])·g[r], rounded as
     * that expression is (the subtraction, then the product).
     */
    void softmaxCrossEntropyBackward(Storage prob, int rows, int cols, int[] labels, Storage g, Storage out);
}
