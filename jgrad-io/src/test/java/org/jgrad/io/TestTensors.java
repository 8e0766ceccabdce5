package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/** Tensors with recognisable values, and a bit-exact comparison, for the io tests. */
final class TestTensors {

    private TestTensors() {
    }

    /** A tensor whose i-th value is {@code 0.37·i − 1 + seed} (float32 rounds it). */
    static Tensor pattern(DType dtype, double seed, int... shape) {
        Tensor t = Tensor.zeros(dtype, shape);
        Storage s = t.storage();
        for (int i = 0; i < s.length(); i++) {
            s.set(i, 0.37 * i - 1 + seed);
        }
        return t;
    }

    /** Same dtype, shape and bit-for-bit the same values (NaN payloads and −0.0 included). */
    static void assertSameTensor(Tensor actual, Tensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).containsExactly(expected.shape());
        long[] a = bits(actual);
        long[] e = bits(expected);
        int at = java.util.Arrays.mismatch(a, e);                  // AssertJ's array comparison is slow at 10^5
        assertThat(at).as("first differing value at index %d: %s instead of %s", at,
                at >= 0 && at < a.length ? actual.storage().get(at) : "-",
                at >= 0 && at < e.length ? expected.storage().get(at) : "-").isEqualTo(-1);
    }

    private static long[] bits(Tensor t) {
        Storage s = t.storage();
        long[] bits = new long[s.length()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = s.isFloat() ? Float.floatToRawIntBits(s.floats()[i]) : Double.doubleToRawLongBits(s.doubles()[i]);
        }
        return bits;
    }
}
