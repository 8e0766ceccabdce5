package org.jgrad.autograd.ops;

import org.jgrad.tensor.DType;
import org.jgrad.tensor.kernel.Storage;

/**
 * Per-thread arrays for values that live and die inside one backward function and are never
 * recorded, returned or kept (the relu-masked gradient inside linear_relu's backward). A fresh
 * 256 KB array cost about 13 µs per step in the MLP, most of it the JVM zeroing it; a kept one is
 * only written. A thread keeps up to four, the most recently used sizes, of up to 2^20 elements.
 */
final class Scratch {
    private static final ThreadLocal<Storage[]> SLOTS = ThreadLocal.withInitial(() -> new Storage[4]);

    private Scratch() {
    }

    /** Arrays above this many elements are not kept: a thread would hold them for its whole life. */
    private static final int MAX_KEPT = 1 << 20;

    /** A storage of exactly {@code length} elements whose contents are undefined until written. */
    static Storage of(DType dtype, int length) {
        if (length > MAX_KEPT) {
            return Storage.allocate(dtype, length);
        }
        Storage[] slots = SLOTS.get();
        for (int i = 0; i < slots.length; i++) {
            Storage s = slots[i];
            if (s != null && s.length() == length && s.dtype() == dtype) {
                System.arraycopy(slots, 0, slots, 1, i); // move to the front
                slots[0] = s;
                return s;
            }
        }
        Storage fresh = Storage.allocate(dtype, length);
        System.arraycopy(slots, 0, slots, 1, slots.length - 1);
        slots[0] = fresh;
        return fresh;
    }
}
