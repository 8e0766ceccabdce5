package org.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.jgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

/** Epochs, shuffling and the three last-batch policies. */
class DataLoaderTest {
    private static final ArrayDataset TEN = ArrayDatasetTest.numbered(10, 3);

    private static List<int[]> epoch(DataLoader loader) {
        List<int[]> batches = new ArrayList<>();
        for (Batch batch : loader) {
            batches.add(batch.indices());
        }
        return batches;
    }

    private static int[] sizes(List<int[]> batches) {
        return batches.stream().mapToInt(b -> b.length).toArray();
    }

    private static int[] flat(List<int[]> batches) {
        return batches.stream().flatMapToInt(Arrays::stream).toArray();
    }

    @Test
    void keepVisitsEveryExampleOncePerEpochWithASmallerLastBatch() {
        DataLoader loader = DataLoader.shuffled(TEN, 4, new Rng(1));
        assertThat(loader.numBatches()).isEqualTo(3);
        for (int e = 0; e < 3; e++) {
            List<int[]> batches = epoch(loader);
            assertThat(sizes(batches)).containsExactly(4, 4, 2);
            assertThat(flat(batches)).containsExactlyInAnyOrder(IntStream.range(0, 10).toArray());
        }
    }

    @Test
    void discardDropsTheRemainder() {
        DataLoader loader = new DataLoader(TEN, 4, LastBatch.DISCARD, new Rng(1));
        assertThat(loader.numBatches()).isEqualTo(2);
        List<int[]> batches = epoch(loader);
        assertThat(sizes(batches)).containsExactly(4, 4);
        assertThat(flat(batches)).doesNotHaveDuplicates();
    }

    @Test
    void rolloverCarriesTheRemainderIntoTheNextEpoch() {
        DataLoader loader = new DataLoader(TEN, 4, LastBatch.ROLLOVER, null);

        assertThat(loader.numBatches()).isEqualTo(2);
        List<int[]> first = epoch(loader);
        assertThat(first).containsExactly(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7});

        assertThat(loader.numBatches()).isEqualTo(3); // 2 held back + 10 = 12 = 3 full batches
        List<int[]> second = epoch(loader);
        assertThat(second).containsExactly(new int[] {8, 9, 0, 1}, new int[] {2, 3, 4, 5}, new int[] {6, 7, 8, 9});

        assertThat(loader.numBatches()).isEqualTo(2); // nothing held back this time
        assertThat(epoch(loader)).containsExactly(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7});
    }

    @Test
    void rolloverWithShufflingKeepsEveryBatchFullAndLosesNothing() {
        DataLoader loader = new DataLoader(TEN, 3, LastBatch.ROLLOVER, new Rng(5));
        List<int[]> all = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            all.addAll(epoch(loader));
        }
        // 30 examples over three epochs = 10 full batches, each example seen three times
        assertThat(sizes(all)).containsOnly(3).hasSize(10);
        int[] counts = new int[10];
        for (int i : flat(all)) {
            counts[i]++;
        }
        assertThat(counts).containsOnly(3);
    }

    @Test
    void sameSeedSameBatchesDifferentEpochsDifferentOrders() {
        DataLoader a = DataLoader.shuffled(TEN, 3, new Rng(42));
        DataLoader b = DataLoader.shuffled(TEN, 3, new Rng(42));

        List<int[]> a1 = epoch(a);
        List<int[]> a2 = epoch(a);
        assertThat(epoch(b)).containsExactlyElementsOf(a1);
        assertThat(epoch(b)).containsExactlyElementsOf(a2);
        assertThat(flat(a2)).isNotEqualTo(flat(a1));
        assertThat(flat(epoch(DataLoader.shuffled(TEN, 3, new Rng(43))))).isNotEqualTo(flat(a1));
    }

    @Test
    void withoutRngTheOrderIsSequential() {
        assertThat(flat(epoch(DataLoader.sequential(TEN, 4)))).containsExactly(IntStream.range(0, 10).toArray());
    }

    @Test
    void batchesHoldTheRowsOfTheirIndices() {
        ArrayDataset weighted = TEN.withWeights(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        for (Batch batch : DataLoader.shuffled(weighted, 4, new Rng(3))) {
            int b = batch.size();
            assertThat(batch.features().shape()).containsExactly(b, 2);
            assertThat(batch.labels().shape()).containsExactly(b);
            assertThat(batch.weights().shape()).containsExactly(b);
            for (int k = 0; k < b; k++) {
                int i = batch.indices()[k];
                assertThat(batch.features().get(k, 1)).isEqualTo(10.0 * i);
                assertThat(batch.labels().get(k)).isEqualTo(i % 3);
                assertThat(batch.weights().get(k)).isEqualTo(i);
            }
        }
        assertThat(DataLoader.sequential(TEN, 4).iterator().next().weights()).isNull();
    }

    @Test
    void misuseIsExplained() {
        assertThatThrownBy(() -> DataLoader.sequential(TEN, 0)).hasMessageContaining("batch size must be at least 1");
        Iterator<Batch> it = DataLoader.sequential(TEN, 10).iterator();
        it.next();
        assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class)
                .hasMessageContaining("iterate the loader again for the next epoch");
    }
}
