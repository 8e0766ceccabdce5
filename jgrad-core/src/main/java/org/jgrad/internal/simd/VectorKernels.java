package org.jgrad.internal.simd;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.LoopPlan;
import org.jgrad.tensor.kernel.Parallel;
import org.jgrad.tensor.kernel.ReduceOp;
import org.jgrad.tensor.kernel.ScalarKernels;
import org.jgrad.tensor.kernel.Storage;
import org.jgrad.tensor.kernel.UnaryOp;

/**
 * Kernels written with the JDK Vector API for the hot float32 paths (element-wise ops with the
 * common broadcasts, reductions, log-softmax, softmax cross-entropy); everything else falls back
 * to the scalar reference it extends. Loaded reflectively by KernelProvider only when
 * {@code jdk.incubator.vector} is present.
 */
public final class VectorKernels extends ScalarKernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();

    @Override
    public String name() {
        return "vector(" + F.vectorBitSize() + "-bit, " + L + " floats per op)";
    }

    // ------------------------------------------------------------------ element-wise

    @Override
    public void unary(UnaryOp op, Storage x, Storage out) {
        if (!x.isFloat() || !vectorized(op)) {
            super.unary(op, x, out);
            return;
        }
        float[] xs = x.floats();
        float[] os = out.floats();
        MethodHandle loop = OWN_COMPILE[op.ordinal()];
        if (loop != null) {
            Parallel.forRange(xs.length, Parallel.ELEMENT_GRAIN, (from, to) -> mapOwnCompile(loop, xs, from, to, os));
        } else {
            Parallel.forRange(xs.length, Parallel.ELEMENT_GRAIN, (from, to) -> mapCheap(op, xs, from, to, os));
        }
    }

    /**
     * The loops of the ops that are many vector instructions each, by UnaryOp ordinal (null for
     * the others), reached only through these handles: see Note [One heavy loop per compilation].
     *
     * <p>Note [One heavy loop per compilation]: C2 inlines a small hot callee into its caller, so a
     * loop written in a method of its own still ends up compiled inside whatever dispatches to it,
     * together with every other op's loop that the dispatcher's profile has seen taken. exp, log,
     * sigmoid and tanh are each a few dozen vector operations, and the Vector API turns each
     * operation into many nodes while C2 parses it; two of these loops in one compilation pass
     * C2's node-count cutoff, the calls inside the second are then left uninlined, and every vector
     * passed to them is boxed. Measured on JDK 17, one process: exp of 65,536 floats took 23 µs,
     * and 350–477 µs once sigmoid had run too (Parallel.forRange had been compiled with both
     * loops inlined: NodeCountInliningCutoff at exp's polynomial steps); sigmoid, after training
     * steps, boxed in two of three processes. A call through a method handle that is not a
     * compile-time constant is never inlined, so each of these loops is compiled on its own, with
     * its one function inlined in it (exp stayed at 22–25 µs, sigmoid at 26 µs in all three); the
     * handle costs one indirect call per range of elements, not per vector. A handle in a static
     * final field would not do: C2 takes it for a constant and inlines through it. tanh and log
     * needed more (mapTanh, mapLog).
     */
    private static final MethodHandle[] OWN_COMPILE = new MethodHandle[UnaryOp.values().length];
    /**
     * tanhExpPass and tanhFinishPass, and logReducePass and logFinishPass, in arrays so that C2
     * does not take them for constants and inline them.
     */
    private static final MethodHandle[] TANH_PASSES = new MethodHandle[2];
    private static final MethodHandle[] LOG_PASSES = new MethodHandle[2];

    static {
        MethodType loop = MethodType.methodType(void.class, float[].class, int.class, int.class, float[].class);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            OWN_COMPILE[UnaryOp.EXP.ordinal()] = lookup.findStatic(VectorKernels.class, "mapExp", loop);
            OWN_COMPILE[UnaryOp.LOG.ordinal()] = lookup.findStatic(VectorKernels.class, "mapLog", loop);
            OWN_COMPILE[UnaryOp.SIGMOID.ordinal()] = lookup.findStatic(VectorKernels.class, "mapSigmoid", loop);
            OWN_COMPILE[UnaryOp.TANH.ordinal()] = lookup.findStatic(VectorKernels.class, "mapTanh", loop);
            TANH_PASSES[0] = lookup.findStatic(VectorKernels.class, "tanhExpPass", loop);
            TANH_PASSES[1] = lookup.findStatic(VectorKernels.class, "tanhFinishPass", loop);
            LOG_PASSES[0] = lookup.findStatic(VectorKernels.class, "logReducePass", loop);
            LOG_PASSES[1] = lookup.findStatic(VectorKernels.class, "logFinishPass", loop);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * A heavy op's loop over whole vectors, then the tail padded with 1 (inside every function's
     * domain; log(0) would take log's rare path) through the same loop, so each element gets the
     * same function wherever it sits (Note [Same bits, cold or warm] in VectorMath) and the loop's
     * compilation holds the function once, not a second time for the tail.
     */
    private static void mapOwnCompile(MethodHandle loop, float[] xs, int from, int to, float[] os) {
        int bound = from + F.loopBound(to - from);
        run(loop, xs, from, bound, os);
        if (bound < to) {
            float[] pad = VectorMath.tail(xs, bound, to - bound, 1f).toArray();
            run(loop, pad, 0, L, pad);
            System.arraycopy(pad, 0, os, bound, to - bound);
        }
    }

    private static void run(MethodHandle loop, float[] xs, int from, int to, float[] os) {
        try {
            loop.invokeExact(xs, from, to, os);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t); // the loops throw nothing checked
        }
    }

    /**
     * os[i] = op(xs[i]) for i in [from, to) (os may be xs) for the ops that are one instruction or
     * two: whole vectors, then the tail padded with 1 through the same vector code.
     */
    private static void mapCheap(UnaryOp op, float[] xs, int from, int to, float[] os) {
        int bound = from + F.loopBound(to - from);
        cheapLoop(op, xs, from, bound, os);
        if (bound < to) {
            VectorMath.storeTail(applyCheap(op, VectorMath.tail(xs, bound, to - bound, 1f)), os, bound, to - bound);
        }
    }

    /** All four loops together stay small enough to compile whole; the tail's switch stays out of it. */
    private static void cheapLoop(UnaryOp op, float[] xs, int from, int bound, float[] os) {
        switch (op) {
            case RELU: for (int i = from; i < bound; i += L) relu(FloatVector.fromArray(F, xs, i)).intoArray(os, i); break;
            case NEG: for (int i = from; i < bound; i += L) FloatVector.fromArray(F, xs, i).neg().intoArray(os, i); break;
            case ABS: for (int i = from; i < bound; i += L) FloatVector.fromArray(F, xs, i).abs().intoArray(os, i); break;
            case SQRT: for (int i = from; i < bound; i += L) FloatVector.fromArray(F, xs, i).sqrt().intoArray(os, i); break;
            default: throw new AssertionError(op);
        }
    }

    private static FloatVector applyCheap(UnaryOp op, FloatVector v) {
        switch (op) {
            case NEG: return v.neg();
            case ABS: return v.abs();
            case RELU: return relu(v);
            case SQRT: return v.sqrt();
            default: throw new AssertionError(op);
        }
    }

    // The heavy ops' loops, reached only through OWN_COMPILE (by mapOwnCompile): os[i] = f(xs[i])
    // for whole vectors from `from` up to `to`, a multiple of L further on.

    private static void mapExp(float[] xs, int from, int to, float[] os) {
        for (int i = from; i < to; i += L) {
            VectorMath.exp(FloatVector.fromArray(F, xs, i)).intoArray(os, i);
        }
    }

    /**
     * log in two loops over blocks of PASS_BLOCK elements, as tanh (mapTanh): x reduced to
     * 2^ef·(1 + t) into this thread's block, then the polynomial, each loop compiled on its own. In
     * one loop, on JDK 17, in a process that had trained first and run every unary op, C2 left
     * the store of the result to the Vector API's Java fallback in three of four processes: 92–102
     * µs and 393,240 bytes per call on 65,536 floats, against 21 µs. Same bits.
     */
    private static void mapLog(float[] xs, int from, int to, float[] os) {
        inBlocks(LOG_PASSES, xs, from, to, os);
    }

    /** t of x = 2^ef·(1 + t) at block[i − from], ef at block[PASS_BLOCK + i − from]. */
    private static void logReducePass(float[] xs, int from, int to, float[] block) {
        for (int i = from; i < to; i += L) {
            VectorMath.logReduce(FloatVector.fromArray(F, xs, i), block, i - from, PASS_BLOCK + i - from);
        }
    }

    /** os[i] = log(xs[i]), from this thread's block that logReducePass filled for [from, to). */
    private static void logFinishPass(float[] xs, int from, int to, float[] os) {
        float[] block = PASS_BLOCKS.get();
        for (int i = from; i < to; i += L) {
            FloatVector x = FloatVector.fromArray(F, xs, i);
            FloatVector r = VectorMath.logOfReduced(FloatVector.fromArray(F, block, i - from),
                    FloatVector.fromArray(F, block, PASS_BLOCK + i - from));
            if (VectorMath.allNormal(x)) { // each branch stores its own vector: no merge for C2 to box
                r.intoArray(os, i);
            } else {
                VectorMath.logSpecials(x, r).intoArray(os, i);
            }
        }
    }

    private static void mapSigmoid(float[] xs, int from, int to, float[] os) {
        for (int i = from; i < to; i += L) {
            VectorMath.sigmoid(FloatVector.fromArray(F, xs, i)).intoArray(os, i);
        }
    }

    /**
     * tanh in two loops over blocks of PASS_BLOCK elements, e^{2|x|} into a per-thread block and
     * then the rest, each loop compiled on its own (through a handle). In one loop, JDK 17's C2
     * left the store of the result to the Vector API's Java fallback once a process had trained
     * first: 130–151 µs and 0.7 MB per call on 65,536 floats. Split, in the same scenario: JDK 17
     * 34–35 µs, JDK 25 30 µs (one loop: 34.5–37), nothing allocated; fresh processes also gained
     * (34 → 30 µs, 37 → 34). Same bits.
     */
    private static void mapTanh(float[] xs, int from, int to, float[] os) {
        inBlocks(TANH_PASSES, xs, from, to, os);
    }

    /** Elements per block of the two-loop ops (tanh, log); a thread's block array holds two such blocks. */
    private static final int PASS_BLOCK = 2048;
    private static final ThreadLocal<float[]> PASS_BLOCKS = ThreadLocal.withInitial(() -> new float[2 * PASS_BLOCK]);

    /**
     * A two-loop op over [from, to) in blocks of PASS_BLOCK: passes[0] fills this thread's block
     * array from xs, then passes[1] reads xs and that array and writes os.
     */
    private static void inBlocks(MethodHandle[] passes, float[] xs, int from, int to, float[] os) {
        float[] block = PASS_BLOCKS.get();
        for (int b0 = from; b0 < to; b0 += PASS_BLOCK) {
            int b1 = Math.min(to, b0 + PASS_BLOCK);
            run(passes[0], xs, b0, b1, block);
            run(passes[1], xs, b0, b1, os);
        }
    }

    /** e[i − from] = e^{2|xs[i]|}. */
    private static void tanhExpPass(float[] xs, int from, int to, float[] e) {
        for (int i = from; i < to; i += L) {
            VectorMath.tanhExp(FloatVector.fromArray(F, xs, i)).intoArray(e, i - from);
        }
    }

    /** os[i] = tanh(xs[i]), from this thread's e^{2|x|} block that tanhExpPass filled for [from, to). */
    private static void tanhFinishPass(float[] xs, int from, int to, float[] os) {
        float[] e = PASS_BLOCKS.get();
        for (int i = from; i < to; i += L) {
            VectorMath.tanhFromExp(FloatVector.fromArray(F, xs, i), FloatVector.fromArray(F, e, i - from)).intoArray(os, i);
        }
    }

    private static boolean vectorized(UnaryOp op) {
        switch (op) {
            case NEG: case ABS: case RELU: case SQRT: case EXP: case LOG: case SIGMOID: case TANH: return true;
            default: return false;
        }
    }

    /**
     * max(v, 0) lane by lane, NaN staying NaN as in the scalar kernel.
     *
     * <p>Note [No switch around a hot loop's vectors]: a loop over vectors calls its op directly,
     * and the unary kernel has one loop per op, rather than calling {@code apply} per vector. The
     * switch in {@code apply} is not folded even for a constant op (it reads an array the compiler
     * does not trust as final), and once other ops have run, its exp, log, sigmoid and tanh
     * branches are calls; where such a call's result merges with relu's, C2 boxes the vector, one
     * object per 16 floats. Measured inside a process that had run the MLP's training step (JDK 25):
     * the fused relu on the 256×256 layer output cost about 85 µs instead of a few, and unary relu
     * on 65,536 floats took 100 µs.
     */
    static FloatVector relu(FloatVector v) {
        return v.blend(0f, v.compare(VectorOperators.LE, 0f));
    }

    @Override
    public void binary(BinaryOp op, Storage a, int[] aShape, Storage b, int[] bShape, Storage out, int[] outShape) {
        if (!out.isFloat() || !vectorized(op)) {
            super.binary(op, a, aShape, b, bShape, out, outShape);
            return;
        }
        LoopPlan plan = LoopPlan.broadcast(outShape, aShape, bShape);
        if (plan.size == 0) {
            return;
        }
        int[] dims = plan.dims;
        int[] sa = plan.strides[0];
        int[] sb = plan.strides[1];
        int last = dims.length - 1;
        int inner = dims[last];
        float[] as = a.floats();
        float[] bs = b.floats();
        float[] os = out.floats();
        if (dims.length == 1) {
            Parallel.forRange(inner, Parallel.ELEMENT_GRAIN, (from, to) ->
                    row(op, as, from * sa[0], sa[0], bs, from * sb[0], sb[0], os, from, to - from));
            return;
        }
        if (dims.length == 2) {
            int rows = dims[0];
            Parallel.forRange(rows, Math.max(1, Parallel.ELEMENT_GRAIN / Math.max(1, inner)), (from, to) -> {
                for (int r = from; r < to; r++) {
                    row(op, as, r * sa[0], sa[1], bs, r * sb[0], sb[1], os, r * inner, inner);
                }
            });
            return;
        }
        int[] idx = new int[dims.length];
        int aOff = 0;
        int bOff = 0;
        int outer = plan.outer();
        for (int o = 0, oOff = 0; o < outer; o++, oOff += inner) {
            row(op, as, aOff, sa[last], bs, bOff, sb[last], os, oOff, inner);
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

    private static boolean vectorized(BinaryOp op) {
        switch (op) {
            case ADD: case SUB: case MUL: case DIV: case MAX: case MIN:
            case RELU_GRAD: case SIGMOID_GRAD: case TANH_GRAD:
                return true;
            default:
                return false;
        }
    }

    /** Per-thread vectors of one repeated value, for a broadcast operand (see {@link #row}). */
    private static final ThreadLocal<float[][]> SPLAT = ThreadLocal.withInitial(() -> new float[2][L]);

    /**
     * o[oi + i] = op(a[ai + i·sa], b[bi + i·sb]) for i in [0, n). When each stride is 0 or 1 (not
     * both 0), whole vectors go through {@link #vectorRow}; an operand with stride 0 is first
     * copied into a vector's worth of its one value, so one loop serves all three cases.
     */
    private static void row(BinaryOp op, float[] a, int ai, int sa, float[] b, int bi, int sb, float[] o, int oi, int n) {
        int bound = (sa | sb) == 1 ? F.loopBound(n) : 0;
        if (bound > 0) {
            float[][] splat = sa == 0 || sb == 0 ? SPLAT.get() : null;
            if (sa == 0) {
                Arrays.fill(splat[0], a[ai]);
            }
            if (sb == 0) {
                Arrays.fill(splat[1], b[bi]);
            }
            vectorRow(op, sa == 0 ? splat[0] : a, sa == 0 ? 0 : ai, sa, sb == 0 ? splat[1] : b, sb == 0 ? 0 : bi, sb,
                    o, oi, bound);
        }
        for (int i = bound; i < n; i++) {
            o[oi + i] = scalar(op, a[ai + i * sa], b[bi + i * sb]);
        }
    }

    /**
     * Whole vectors of {@link #row}, one loop per op (Note [No switch around a hot loop's vectors]);
     * x advances by L·kx per vector and y by L·ky, each k 0 or 1.
     */
    private static void vectorRow(BinaryOp op, float[] x, int xi, int kx, float[] y, int yi, int ky, float[] o, int oi,
                                  int bound) {
        switch (op) {
            case ADD:
                for (int i = 0; i < bound; i += L) load(x, xi + i * kx).add(load(y, yi + i * ky)).intoArray(o, oi + i);
                break;
            case SUB:
                for (int i = 0; i < bound; i += L) load(x, xi + i * kx).sub(load(y, yi + i * ky)).intoArray(o, oi + i);
                break;
            case MUL:
                for (int i = 0; i < bound; i += L) load(x, xi + i * kx).mul(load(y, yi + i * ky)).intoArray(o, oi + i);
                break;
            case DIV:
                for (int i = 0; i < bound; i += L) load(x, xi + i * kx).div(load(y, yi + i * ky)).intoArray(o, oi + i);
                break;
            case MAX:
                for (int i = 0; i < bound; i += L) load(x, xi + i * kx).max(load(y, yi + i * ky)).intoArray(o, oi + i);
                break;
            case MIN:
                for (int i = 0; i < bound; i += L) load(x, xi + i * kx).min(load(y, yi + i * ky)).intoArray(o, oi + i);
                break;
            case RELU_GRAD:
                reluGradRow(x, xi, kx, y, yi, ky, o, oi, bound);
                break;
            case SIGMOID_GRAD:
                sigmoidGradRow(x, xi, kx, y, yi, ky, o, oi, bound);
                break;
            case TANH_GRAD:
                tanhGradRow(x, xi, kx, y, yi, ky, o, oi, bound);
                break;
            default:
                throw new AssertionError(op);
        }
    }

    // the gradient ops, each in a method of its own (more than one instruction per vector)
    private static void reluGradRow(float[] x, int xi, int kx, float[] y, int yi, int ky, float[] o, int oi, int bound) {
        for (int i = 0; i < bound; i += L) {
            reluGrad(load(x, xi + i * kx), load(y, yi + i * ky)).intoArray(o, oi + i);
        }
    }

    private static void sigmoidGradRow(float[] x, int xi, int kx, float[] y, int yi, int ky, float[] o, int oi, int bound) {
        for (int i = 0; i < bound; i += L) {
            sigmoidGrad(load(x, xi + i * kx), load(y, yi + i * ky)).intoArray(o, oi + i);
        }
    }

    private static void tanhGradRow(float[] x, int xi, int kx, float[] y, int yi, int ky, float[] o, int oi, int bound) {
        for (int i = 0; i < bound; i += L) {
            tanhGrad(load(x, xi + i * kx), load(y, yi + i * ky)).intoArray(o, oi + i);
        }
    }

    private static FloatVector load(float[] x, int i) {
        return FloatVector.fromArray(F, x, i);
    }

    /** The incoming gradient x where the output y is above 0, else 0 (as BinaryOp.RELU_GRAD). */
    private static FloatVector reluGrad(FloatVector x, FloatVector y) {
        return x.blend(0f, y.compare(VectorOperators.GT, 0f).not());
    }

    private static FloatVector sigmoidGrad(FloatVector x, FloatVector y) {
        return x.mul(y).mul(y.neg().add(1f));
    }

    private static FloatVector tanhGrad(FloatVector x, FloatVector y) {
        return x.mul(y.mul(y).neg().add(1f));
    }

    /** The same arithmetic as {@link #vectorRow}, one lane, for tails. */
    private static float scalar(BinaryOp op, float x, float y) {
        switch (op) {
            case ADD: return x + y;
            case SUB: return x - y;
            case MUL: return x * y;
            case DIV: return x / y;
            case MAX: return Math.max(x, y);
            case MIN: return Math.min(x, y);
            case RELU_GRAD: return y > 0 ? x : 0f;
            case SIGMOID_GRAD: return x * y * (1f - y);
            case TANH_GRAD: return x * (1f - y * y);
            default: throw new AssertionError(op);
        }
    }

    // ------------------------------------------------------------------ matrix multiply

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                     double beta, Storage c, int cOff, int ldc) {
        if (c.isFloat()) {
            VectorGemm.sgemm(transA, transB, m, n, k, a.floats(), aOff, lda, b.floats(), bOff, ldb,
                    (float) beta, c.floats(), cOff, ldc);
        } else {
            VectorGemm.dgemm(transA, transB, m, n, k, a.doubles(), aOff, lda, b.doubles(), bOff, ldb,
                    beta, c.doubles(), cOff, ldc);
        }
    }

    @Override
    public void gemmRelu(boolean transA, boolean transB, int m, int n, int k,
                         Storage a, int aOff, int lda, Storage b, int bOff, int ldb,
                         double beta, Storage c, int cOff, int ldc) {
        if (!c.isFloat()) {
            super.gemmRelu(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        VectorGemm.sgemmRelu(transA, transB, m, n, k, a.floats(), aOff, lda, b.floats(), bOff, ldb,
                (float) beta, c.floats(), cOff, ldc);
    }

    /** relu on rows [i0, i1) × columns [j0, j1) of c (leading dimension ldc), as UnaryOp.RELU. */
    static void reluBlock(float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            int row = cOff + i * ldc;
            int j = j0;
            for (int bound = j0 + F.loopBound(j1 - j0); j < bound; j += L) {
                relu(FloatVector.fromArray(F, c, row + j)).intoArray(c, row + j);
            }
            for (; j < j1; j++) {
                c[row + j] = (float) UnaryOp.RELU.apply(c[row + j]);
            }
        }
    }

    @Override
    public void reluGradAndColumnSums(Storage g, Storage y, int rows, int cols, Storage dz, Storage colSums) {
        if (!g.isFloat()) {
            super.reluGradAndColumnSums(g, y, rows, cols, dz, colSums);
            return;
        }
        float[] gs = g.floats();
        float[] ys = y.floats();
        float[] ds = dz.floats();
        float[] cs = colSums == null ? null : colSums.floats();
        // threads take column ranges, as reduce does along axis 0, so each column's sum is the same
        Parallel.forRange(cols, Math.max(2 * L, Parallel.ELEMENT_GRAIN / Math.max(1, rows)), (from, to) -> {
            for (int r = 0; r < rows; r++) {
                int row = r * cols;
                int c = from;
                for (int bound = from + F.loopBound(to - from); c < bound; c += L) {
                    FloatVector v = reluGrad(FloatVector.fromArray(F, gs, row + c), FloatVector.fromArray(F, ys, row + c));
                    v.intoArray(ds, row + c);
                    if (cs != null) {
                        (r == 0 ? v : FloatVector.fromArray(F, cs, c).add(v)).intoArray(cs, c);
                    }
                }
                for (; c < to; c++) {
                    float v = scalar(BinaryOp.RELU_GRAD, gs[row + c], ys[row + c]);
                    ds[row + c] = v;
                    if (cs != null) {
                        cs[c] = r == 0 ? v : cs[c] + v;
                    }
                }
            }
        });
    }

    // ------------------------------------------------------------------ reductions

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int mid, int inner, Storage out) {
        if (!x.isFloat() || mid == 0) {
            super.reduce(op, x, outer, mid, inner, out);
            return;
        }
        float[] xs = x.floats();
        float[] os = out.floats();
        if (inner == 1) {
            for (int o = 0; o < outer; o++) {
                os[o] = reduceRow(op, xs, o * mid, mid);
            }
            return;
        }
        // reduce whole rows of length inner at a time: contiguous, vector-friendly; threads take column ranges
        int grain = Math.max(2 * L, Parallel.ELEMENT_GRAIN / Math.max(1, mid * outer));
        Parallel.forRange(inner, grain, (from, to) -> {
            for (int o = 0; o < outer; o++) {
                int dst = o * inner;
                System.arraycopy(xs, o * mid * inner + from, os, dst + from, to - from);
                for (int m = 1; m < mid; m++) {
                    int src = (o * mid + m) * inner;
                    int i = from;
                    for (int bound = from + F.loopBound(to - from); i < bound; i += L) {
                        FloatVector acc = FloatVector.fromArray(F, os, dst + i);
                        FloatVector v = FloatVector.fromArray(F, xs, src + i);
                        (op == ReduceOp.SUM ? acc.add(v) : op == ReduceOp.MAX ? acc.max(v) : acc.min(v)).intoArray(os, dst + i);
                    }
                    for (; i < to; i++) {
                        float acc = os[dst + i];
                        float v = xs[src + i];
                        os[dst + i] = op == ReduceOp.SUM ? acc + v : op == ReduceOp.MAX ? Math.max(acc, v) : Math.min(acc, v);
                    }
                }
            }
        });
    }

    private static float reduceRow(ReduceOp op, float[] xs, int from, int n) {
        int i = 0;
        int bound = F.loopBound(n);
        float acc;
        if (op == ReduceOp.SUM) {
            FloatVector v = FloatVector.zero(F);
            for (; i < bound; i += L) {
                v = v.add(FloatVector.fromArray(F, xs, from + i));
            }
            if (i < n) {
                v = v.add(VectorMath.tail(xs, from + i, n - i, 0f));
            }
            return VectorMath.sum(v);
        }
        boolean max = op == ReduceOp.MAX;
        FloatVector v = FloatVector.broadcast(F, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
        for (; i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(F, xs, from + i);
            v = max ? v.max(x) : v.min(x);
        }
        acc = v.reduceLanes(max ? VectorOperators.MAX : VectorOperators.MIN);
        for (; i < n; i++) {
            acc = max ? Math.max(acc, xs[from + i]) : Math.min(acc, xs[from + i]);
        }
        return acc;
    }

    /**
     * Float lanes accumulate 32 partial sums at a time, added in double at the end; large inputs
     * are split over the pool into fixed pieces whose sums are added in piece order (deterministic).
     */
    @Override
    public double sumOfSquares(Storage x, Storage y) {
        if (!x.isFloat()) {
            return super.sumOfSquares(x, y);
        }
        float[] xs = x.floats();
        float[] ys = y == null ? null : y.floats();
        int n = xs.length;
        int pieces = (int) Math.max(1, Math.min(Parallel.threads(), n / (long) Parallel.ELEMENT_GRAIN));
        double[] partial = new double[pieces];
        Parallel.forEach(pieces, t -> partial[t] = sumOfSquares(xs, ys, (int) ((long) n * t / pieces), (int) ((long) n * (t + 1) / pieces)));
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    private static double sumOfSquares(float[] xs, float[] ys, int from, int to) {
        FloatVector acc0 = FloatVector.zero(F);
        FloatVector acc1 = FloatVector.zero(F);
        int i = from;
        for (int bound = to - 2 * L + 1; i < bound; i += 2 * L) {
            FloatVector a = FloatVector.fromArray(F, xs, i);
            FloatVector b = FloatVector.fromArray(F, xs, i + L);
            if (ys != null) {
                a = a.sub(FloatVector.fromArray(F, ys, i));
                b = b.sub(FloatVector.fromArray(F, ys, i + L));
            }
            acc0 = a.fma(a, acc0);
            acc1 = b.fma(b, acc1);
        }
        double s = 0;
        for (int lane = 0; lane < L; lane++) {
            s += (double) acc0.lane(lane) + acc1.lane(lane);
        }
        for (; i < to; i++) {
            double d = ys == null ? xs[i] : xs[i] - ys[i];
            s += d * d;
        }
        return s;
    }

    // ------------------------------------------------------------------ softmax

    @Override
    public void logSoftmax(Storage x, int outer, int n, int inner, Storage out) {
        if (!x.isFloat() || inner != 1 || n == 0) {
            super.logSoftmax(x, outer, n, inner, out);
            return;
        }
        float[] xs = x.floats();
        float[] os = out.floats();
        for (int r = 0; r < outer; r++) {
            int base = r * n;
            float max = reduceRow(ReduceOp.MAX, xs, base, n);
            float shift = Float.isInfinite(max) ? 0f : max;
            float lse = shift + (float) Math.log(sumExp(xs, base, n, shift, null));
            int i = 0;
            FloatVector vl = FloatVector.broadcast(F, lse);
            for (int bound = F.loopBound(n); i < bound; i += L) {
                FloatVector.fromArray(F, xs, base + i).sub(vl).intoArray(os, base + i);
            }
            for (; i < n; i++) {
                os[base + i] = xs[base + i] - lse;
            }
        }
    }

    /**
     * Σ exp(x − shift) over a row, summed in float lanes (then a fixed tree); writes the exps to
     * {@code into} when given. The tail is padded with −∞, whose exp is 0 (for a finite shift; the
     * callers pass the row's maximum, and a row whose maximum is −∞ or +∞ is NaN either way), and
     * goes through the same vector code as the rest of the row.
     */
    private static double sumExp(float[] xs, int base, int n, float shift, float[] into) {
        FloatVector vs = FloatVector.broadcast(F, shift);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector e = VectorMath.exp(FloatVector.fromArray(F, xs, base + i).sub(vs));
            if (into != null) {
                e.intoArray(into, base + i);
            }
            acc = acc.add(e);
        }
        if (i < n) {
            FloatVector e = VectorMath.exp(VectorMath.tail(xs, base + i, n - i, Float.NEGATIVE_INFINITY).sub(vs));
            if (into != null) {
                VectorMath.storeTail(e, into, base + i, n - i);
            }
            acc = acc.add(e);
        }
        return VectorMath.sum(acc);
    }

    @Override
    public void softmaxCrossEntropy(Storage logits, int rows, int cols, int[] labels, Storage loss, Storage prob) {
        if (!logits.isFloat() || cols == 0) {
            super.softmaxCrossEntropy(logits, rows, cols, labels, loss, prob);
            return;
        }
        float[] xs = logits.floats();
        float[] ps = prob.floats();
        float[] ls = loss.floats();
        if (cols < L) {
            shortRowsSoftmaxCrossEntropy(xs, rows, cols, labels, ls, ps);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = reduceRow(ReduceOp.MAX, xs, base, cols);
            double sum = sumExp(xs, base, cols, max, ps);
            float inv = (float) (1.0 / sum);
            int i = 0;
            FloatVector vi = FloatVector.broadcast(F, inv);
            for (int bound = F.loopBound(cols); i < bound; i += L) {
                FloatVector.fromArray(F, ps, base + i).mul(vi).intoArray(ps, base + i);
            }
            for (; i < cols; i++) {
                ps[base + i] *= inv;
            }
            ls[r] = (float) (max + Math.log(sum) - xs[base + labels[r]]);
        }
    }

    /**
     * Rows shorter than a vector (the chapter's 10 classes): a row-by-row loop would compute every
     * exp in the scalar tail, so the shifted logits of all rows are written out first and
     * exponentiated as one contiguous array, whole vectors at a time. Each row's maximum waits in
     * {@code ls} until the loss replaces it.
     */
    private static void shortRowsSoftmaxCrossEntropy(float[] xs, int rows, int cols, int[] labels, float[] ls, float[] ps) {
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float max = reduceRow(ReduceOp.MAX, xs, base, cols);
            for (int c = 0; c < cols; c++) {
                ps[base + c] = xs[base + c] - max;
            }
            ls[r] = max;
        }
        mapOwnCompile(OWN_COMPILE[UnaryOp.EXP.ordinal()], ps, 0, rows * cols, ps);
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += ps[base + c];
            }
            float inv = (float) (1.0 / sum);
            for (int c = 0; c < cols; c++) {
                ps[base + c] *= inv;
            }
            ls[r] = (float) (ls[r] + Math.log(sum) - xs[base + labels[r]]);
        }
    }

    @Override
    public void softmaxCrossEntropyBackward(Storage prob, int rows, int cols, int[] labels, Storage g, Storage out) {
        if (!out.isFloat()) {
            super.softmaxCrossEntropyBackward(prob, rows, cols, labels, g, out);
            return;
        }
        float[] ps = prob.floats();
        float[] gs = g.floats();
        float[] os = out.floats();
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            float gr = gs[r];
            int c = 0;
            if (cols >= L) {
                FloatVector vg = FloatVector.broadcast(F, gr);
                for (int bound = F.loopBound(cols); c < bound; c += L) {
                    FloatVector.fromArray(F, ps, base + c).mul(vg).intoArray(os, base + c);
                }
            }
            for (; c < cols; c++) {
                os[base + c] = ps[base + c] * gr;
            }
            int hot = base + labels[r];
            os[hot] = (ps[hot] - 1f) * gr;
        }
    }
}
