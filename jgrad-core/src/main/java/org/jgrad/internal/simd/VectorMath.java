package org.jgrad.internal.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * exp, log, tanh and sigmoid of float vectors, and the sum of a vector's lanes, written with
 * operations whose results the Vector API defines to the bit. See Note [Same bits, cold or warm].
 *
 * <p>Note [Same bits, cold or warm]: the Vector API leaves two things to the running code. Its
 * transcendental lanewise ops ({@code EXP}, {@code LOG}, {@code TANH}) are computed one way before
 * C2 compiles a loop (lane by lane with {@code Math}) and another way after (Intel's SVML), and
 * {@code reduceLanes(ADD)} on floats may add the lanes in any order. Measured on JDK 17 and 25: EXP
 * on 4,096 normal samples gave other bits warm than cold in 56 of them, and on JDK 25 a float
 * {@code reduceLanes(ADD)} gave other bits in 2,490 of 4,096 sums. So the first epoch of a run,
 * or a short run, computed other numbers than a long one: the same seed did not give the same
 * run (TrainerTest caught it). Here every step is an add, multiply, divide, fused multiply-add,
 * min, max, abs, compare, blend, lane shuffle or bit move, each exactly defined by IEEE 754 or the
 * API, so a result depends only on the input.
 *
 * <p>The functions are the Cephes single-precision ones (range reduction plus a short
 * polynomial, within about two units in the last place of the correctly rounded value); the
 * polynomials' coefficients are Cephes'. Special values follow {@code Math}: NaN stays NaN,
 * exp(−∞) = 0, exp(+∞) = +∞ and overflow gives +∞, log(0) = −∞, log of a negative is NaN. One
 * exception: sigmoid(x) for x below about −88.7 is 0, where the exact value is subnormal (e^−x
 * overflows first).
 */
final class VectorMath {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** shuffles[s] pairs lane i with lane i xor 2^s: the steps of {@link #sum}'s fixed tree. */
    @SuppressWarnings("unchecked")
    private static final VectorShuffle<Float>[] SWAPS = new VectorShuffle[Integer.numberOfTrailingZeros(L)];

    static {
        for (int s = 0; s < SWAPS.length; s++) {
            int bit = 1 << s;
            SWAPS[s] = VectorShuffle.fromOp(F, i -> i ^ bit);
        }
    }

    private VectorMath() {
    }

    /** The lanes' sum, added as a fixed tree (lanes 2^s apart, s = 0, 1, …). */
    static float sum(FloatVector v) {
        for (VectorShuffle<Float> swap : SWAPS) {
            v = v.add(v.rearrange(swap));
        }
        return v.lane(0);
    }

    // exp: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-7 polynomial, 2^n by exponent bits
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds a float below 2^22 in magnitude to an integer, held in the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);

    /**
     * e^x per lane.
     *
     * <p>Note [No helper calls inside the vector functions]: the Horner steps and the powers of two
     * are written out in place, not as small helper methods. Once a compilation has parsed enough
     * nodes (the Vector API makes many per operation), C2 stops inlining ordinary calls
     * (NodeCountInliningCutoff); the Vector API's own methods are only put off and inlined later,
     * but a helper of ours stays a call, and every vector it takes or returns is boxed. Seen on
     * JDK 25 in a process that had trained an MLP first: mapTanh's compiled code called exp's
     * power-of-two helper, allocating an Int512Vector and a Float512Vector per call (tanh of
     * 65,536 floats 70–71 µs and 786,432 bytes per call, against 35 µs and none).
     */
    static FloatVector exp(FloatVector x) {
        // below −104 e^x rounds to zero and above 89 it overflows; clamping keeps n in range
        return exp(x, -104f);
    }

    /** e^max(x, floor) per lane, for a floor from −104 up; see {@link #sigmoid}. */
    private static FloatVector exp(FloatVector x, float floor) {
        FloatVector xc = x.max(floor).min(89f);
        FloatVector shifted = xc.mul(LOG2E).add(ROUNDER);
        FloatVector nf = shifted.sub(ROUNDER);
        IntVector n = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector r = nf.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = nf.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = FloatVector.broadcast(F, 1.9875691500e-4f);
        p = p.fma(r, FloatVector.broadcast(F, 1.3981999507e-3f));
        p = p.fma(r, FloatVector.broadcast(F, 8.3334519073e-3f));
        p = p.fma(r, FloatVector.broadcast(F, 4.1665795894e-2f));
        p = p.fma(r, FloatVector.broadcast(F, 1.6666665459e-1f));
        p = p.fma(r, FloatVector.broadcast(F, 5.0000001201e-1f));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        // 2^n as two normal powers of two (exponent bits (e + 127) << 23), so that n from −150 to
        // 128 needs no special case: the first product is exact, the second rounds once, into a
        // subnormal or to +∞ as due
        IntVector half = n.lanewise(VectorOperators.ASHR, 1);
        FloatVector firstPower = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector secondPower = n.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return y.mul(firstPower).mul(secondPower);
    }

    /**
     * The natural logarithm per lane: {@link #logReduce} and then {@link #logOfReduced}, as the
     * unary kernel runs it in two loops (see mapLog in VectorKernels), the special inputs (zero,
     * negatives, +∞, NaN) set by {@link #logSpecials} only where a lane is not a normal positive
     * finite float.
     */
    static FloatVector log(FloatVector x) {
        float[] reduced = new float[2 * L];
        logReduce(x, reduced, 0, L);
        FloatVector r = logOfReduced(FloatVector.fromArray(F, reduced, 0), FloatVector.fromArray(F, reduced, L));
        return allNormal(x) ? r : logSpecials(x, r);
    }

    /** Whether every lane of x is a normal positive finite float, where log needs no {@link #logSpecials}. */
    static boolean allNormal(FloatVector x) {
        return x.compare(VectorOperators.GE, Float.MIN_NORMAL).and(x.compare(VectorOperators.LE, Float.MAX_VALUE)).allTrue();
    }

    /**
     * The first half of log: x = 2^ef·(1 + t) with t in [√½ − 1, √2 − 1], t stored at
     * {@code into[tAt..]} and ef at {@code into[efAt..]}, one vector each. A subnormal x is scaled
     * by 2^23 first and ef lowered by 23; a lane that is not positive and finite gets a t and ef
     * that {@link #logSpecials} overrides.
     */
    static void logReduce(FloatVector x, float[] into, int tAt, int efAt) {
        VectorMask<Float> tiny = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        IntVector bits = x.blend(x.mul(8388608f), tiny).reinterpretAsInts(); // 2^23
        // the biased exponent (1..254) as a float, through the rounder's low bits
        FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).add(ROUNDER_BITS).reinterpretAsFloats()
                .sub(ROUNDER + 127f).add(FloatVector.zero(F).blend(-23f, tiny));
        FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats(); // [1, 2)
        VectorMask<Float> high = m.compare(VectorOperators.GT, 1.41421356f);
        m.blend(m.mul(0.5f), high).sub(1f).intoArray(into, tAt); // m − 1 is exact
        e.add(FloatVector.zero(F).blend(1f, high)).intoArray(into, efAt);
    }

    /** log's result r with the special inputs' values set as Math.log sets them: log(0) = −∞, log(+∞) = +∞, NaN below 0. */
    static FloatVector logSpecials(FloatVector x, FloatVector r) {
        FloatVector result = r.blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f));
        result = result.blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
        // negative inputs and NaN (the only value not equal to itself) give NaN
        return result.blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
    }

    /** log(2^e·(1 + t)) for t in [√½ − 1, √2 − 1]: t − t²/2 + t³·P(t), plus e·ln 2 in two parts. */
    static FloatVector logOfReduced(FloatVector t, FloatVector ef) {
        FloatVector z = t.mul(t);
        FloatVector p = FloatVector.broadcast(F, 7.0376836292e-2f);
        p = p.fma(t, FloatVector.broadcast(F, -1.1514610310e-1f));
        p = p.fma(t, FloatVector.broadcast(F, 1.1676998740e-1f));
        p = p.fma(t, FloatVector.broadcast(F, -1.2420140846e-1f));
        p = p.fma(t, FloatVector.broadcast(F, 1.4249322787e-1f));
        p = p.fma(t, FloatVector.broadcast(F, -1.6668057665e-1f));
        p = p.fma(t, FloatVector.broadcast(F, 2.0000714765e-1f));
        p = p.fma(t, FloatVector.broadcast(F, -2.4999993993e-1f));
        p = p.fma(t, FloatVector.broadcast(F, 3.3333331174e-1f));
        FloatVector y = p.mul(t).mul(z);
        y = ef.fma(FloatVector.broadcast(F, LN2_LO), y);
        y = z.fma(FloatVector.broadcast(F, -0.5f), y);
        return ef.fma(FloatVector.broadcast(F, LN2_HI), t.add(y));
    }

    /** tanh per lane: a polynomial below 0.625 in magnitude, 1 − 2/(e^{2|x|} + 1) above, with x's sign. */
    static FloatVector tanh(FloatVector x) {
        return tanhFromExp(x, tanhExp(x));
    }

    /** The first half of {@link #tanh}: e^{2|x|}. */
    static FloatVector tanhExp(FloatVector x) {
        FloatVector a = x.abs();
        return exp(a.add(a), -104f);
    }

    /** The second half of {@link #tanh}, given e = {@link #tanhExp}(x). */
    static FloatVector tanhFromExp(FloatVector x, FloatVector e) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        FloatVector p = FloatVector.broadcast(F, -5.70498872745e-3f);
        p = p.fma(z, FloatVector.broadcast(F, 2.06390887954e-2f));
        p = p.fma(z, FloatVector.broadcast(F, -5.37397155531e-2f));
        p = p.fma(z, FloatVector.broadcast(F, 1.33314422036e-1f));
        p = p.fma(z, FloatVector.broadcast(F, -3.33332819422e-1f));
        FloatVector small = p.mul(z).fma(x, x);
        FloatVector large = FloatVector.broadcast(F, 1f).sub(FloatVector.broadcast(F, 2f).div(e.add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        FloatVector result = large.blend(small, a.compare(VectorOperators.LT, 0.625f));
        return result.blend(x, x.compare(VectorOperators.EQ, 0f)); // keeps the sign of −0
    }

    /**
     * 1/(1 + e^−x) per lane: e^−x → ∞ gives 0. Above x = 87, e^−x is below 2^−125 and 1 + e^−x
     * rounds to 1 anyway, so e^−x is taken at −87 there: the same bits, without the subnormals
     * that e^−x reaches beyond 87.3, which make a vector multiply with any such lane several
     * times slower (a saturated sigmoid, x in [90, 300]: 80–88 µs per 65,536 floats against 23
     * to 27 on Zen 5; exp itself keeps its subnormal results, and their cost).
     */
    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(F, 1f).div(exp(x.neg(), -87f).add(1f));
    }

    /**
     * The last {@code n} (fewer than a vector's) elements of x from {@code from}, the other lanes
     * set to {@code fill}: a row's tail goes through the same vector code as the rest of the row,
     * so each element gets the same function wherever it sits.
     */
    static FloatVector tail(float[] x, int from, int n, float fill) {
        float[] pad = new float[L];
        System.arraycopy(x, from, pad, 0, n);
        java.util.Arrays.fill(pad, n, L, fill);
        return FloatVector.fromArray(F, pad, 0);
    }

    /** Stores the first n lanes of v at out[at..at+n). */
    static void storeTail(FloatVector v, float[] out, int at, int n) {
        System.arraycopy(v.toArray(), 0, out, at, n);
    }
}
