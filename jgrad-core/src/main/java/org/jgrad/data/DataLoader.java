package org.jgrad.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.jgrad.tensor.Rng;

/**
 * Mini-batches over a {@link Dataset}, one epoch per {@link #iterator()} call: with an {@link Rng}
 * the order is a fresh permutation each epoch (so two loaders built with equal seeds yield equal
 * batches, epoch after epoch); without one it is 0, 1, …, n-1. {@link LastBatch} says what happens
 * to a remainder. Each {@link Batch} holds features (b, d), labels (b) and weights (b) or null.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.shuffled(mnist.train(), 256, new Rng(42));
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch batch : loader) { ... }
 * }
 * }</pre>
 * Batches are fresh tensors, safe to keep. Not thread-safe.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Dataset dataset;
    private final int batchSize;
    private final LastBatch lastBatch;
    private final Rng rng; // null: sequential order
    private int[] carried = new int[0]; // ROLLOVER: examples held back from the previous epoch

    /**
     * @param dataset   the examples
     * @param batchSize examples per batch, at least 1
     * @param lastBatch what to do with a remainder smaller than a batch
     * @param rng       draws each epoch's order; null to go through the examples in order
     */
    public DataLoader(Dataset dataset, int batchSize, LastBatch lastBatch, Rng rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        if (lastBatch == null) {
            throw new IllegalArgumentException("lastBatch is null: pass LastBatch.KEEP, DISCARD or ROLLOVER");
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.lastBatch = lastBatch;
        this.rng = rng;
    }

    /** A new shuffled order every epoch, a smaller last batch kept. */
    public static DataLoader shuffled(Dataset dataset, int batchSize, Rng rng) {
        if (rng == null) {
            throw new IllegalArgumentException("shuffled needs an Rng; use sequential(...) for a fixed order");
        }
        return new DataLoader(dataset, batchSize, LastBatch.KEEP, rng);
    }

    /** The examples in order, a smaller last batch kept (for evaluation). */
    public static DataLoader sequential(Dataset dataset, int batchSize) {
        return new DataLoader(dataset, batchSize, LastBatch.KEEP, null);
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    public LastBatch lastBatch() {
        return lastBatch;
    }

    /** Batches the next epoch will yield (with ROLLOVER this depends on what the last epoch held back). */
    public int numBatches() {
        int n = dataset.size();
        switch (lastBatch) {
            case KEEP: return (n + batchSize - 1) / batchSize;
            case DISCARD: return n / batchSize;
            default: return (carried.length + n) / batchSize;
        }
    }

    /** Starts a new epoch: draws its order now (and, with ROLLOVER, sets aside its remainder for the next). */
    @Override
    public Iterator<Batch> iterator() {
        int[] order = epochOrder();
        int full = order.length / batchSize;
        int remainder = order.length - full * batchSize;
        int batches = full;
        if (remainder > 0) {
            if (lastBatch == LastBatch.KEEP) {
                batches++;
            } else if (lastBatch == LastBatch.ROLLOVER) {
                carried = Arrays.copyOfRange(order, full * batchSize, order.length);
            }
        }
        if (lastBatch == LastBatch.ROLLOVER && remainder == 0) {
            carried = new int[0];
        }
        return new EpochIterator(order, batches);
    }

    /**
     * Draws and discards the orders of n epochs, leaving the loader where it would be after n
     * epochs (a resumed run then sees the same batches as an uninterrupted one).
     */
    public void skipEpochs(int n) {
        for (int i = 0; i < n; i++) {
            iterator();
        }
    }

    /** The first examples in storage order, as one batch, without touching the shuffling generator. */
    public Batch firstBatch() {
        return DataLoader.sequential(dataset, batchSize).iterator().next();
    }

    /** Held-back examples first (ROLLOVER), then this epoch's permutation or 0..n-1. */
    private int[] epochOrder() {
        int n = dataset.size();
        int[] fresh = rng != null ? rng.permutation(n) : identity(n);
        if (carried.length == 0) {
            return fresh;
        }
        int[] order = new int[carried.length + n];
        System.arraycopy(carried, 0, order, 0, carried.length);
        System.arraycopy(fresh, 0, order, carried.length, n);
        return order;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final int[] order;
        private final int batches;
        private int next;

        EpochIterator(int[] order, int batches) {
            this.order = order;
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("this epoch has " + batches + " batches and all were read; "
                        + "iterate the loader again for the next epoch");
            }
            int from = next * batchSize;
            int[] indices = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
            next++;
            return new Batch(dataset.features(indices), dataset.labels(indices),
                    dataset.hasWeights() ? dataset.weights(indices) : null, indices);
        }
    }
}
