package org.jgrad.diagnostics;

import java.util.IdentityHashMap;
import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.GraphListener;
import org.jgrad.autograd.Node;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * Follows, while open, the bytes autograd holds on this thread: activations saved for backward
 * (added as ops are recorded, dropped as backward frees each node) plus gradients in flight
 * between nodes during backward; and the peak of their sum. Recomputation inside a gradient
 * checkpoint shows up as it happens.
 * <pre>{@code
 * try (MemoryTracker mem = MemoryTracker.start()) {
 *     ... forward inside Autograd.record(), backward ...
 *     mem.peakBytes();
 * }
 * }</pre>
 */
public final class MemoryTracker implements GraphListener, AutoCloseable {
    private final IdentityHashMap<Storage, int[]> refs = new IdentityHashMap<>();
    private final IdentityHashMap<Node, long[]> inFlight = new IdentityHashMap<>();
    private final Autograd.Scope scope;
    private long savedBytes;
    private long gradientBytes;
    private long peak;

    private MemoryTracker() {
        this.scope = Autograd.listen(this);
    }

    /** Starts tracking on the current thread. */
    public static MemoryTracker start() {
        return new MemoryTracker();
    }

    @Override
    public void onRecord(Node node) {
        for (Tensor t : node.savedTensors()) {
            if (t == null || MemoryReport.isParameter(t)) {
                continue;
            }
            int[] c = refs.computeIfAbsent(t.storage(), k -> new int[1]);
            if (c[0]++ == 0) {
                savedBytes += t.storage().bytes();
            }
        }
        peak = Math.max(peak, current());
    }

    @Override
    public void onGradient(Node node, int input, Tensor gradient) {
        Node receiver = node.inputs().get(input).node();
        if (receiver != null) {
            inFlight.computeIfAbsent(receiver, k -> new long[1])[0] += gradient.storage().bytes();
            gradientBytes += gradient.storage().bytes();
            peak = Math.max(peak, current());
        }
    }

    @Override
    public void onRelease(Node node) {
        for (Tensor t : node.savedTensors()) {
            if (t == null || MemoryReport.isParameter(t)) {
                continue;
            }
            int[] c = refs.get(t.storage());
            if (c != null && --c[0] == 0) {
                refs.remove(t.storage());
                savedBytes -= t.storage().bytes();
            }
        }
        long[] g = inFlight.remove(node);
        if (g != null) {
            gradientBytes -= g[0];
        }
    }

    /** Activation bytes currently saved for backward. */
    public long savedBytes() {
        return savedBytes;
    }

    /** Saved activations plus gradients in flight, now. */
    public long current() {
        return savedBytes + gradientBytes;
    }

    /** The largest {@link #current()} seen since start. */
    public long peakBytes() {
        return peak;
    }

    @Override
    public void close() {
        scope.close();
    }
}
