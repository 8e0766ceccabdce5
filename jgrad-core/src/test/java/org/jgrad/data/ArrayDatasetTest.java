package org.jgrad.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Batches gathered by index from an ArrayDataset, with and without weights. */
class ArrayDatasetTest {

    /** n examples of shape (2): example i is (i, 10·i); label i % classes. */
    static ArrayDataset numbered(int n, int classes) {
        float[] features = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = 10 * i;
            labels[i] = i % classes;
        }
        return ArrayDataset.of(features, new int[] {2}, labels, classes);
    }

    @Test
    void gathersFeaturesAndLabelsInIndexOrder() {
        ArrayDataset data = numbered(5, 3);

        Tensor x = data.features(new int[] {4, 0, 2});
        Tensor y = data.labels(new int[] {4, 0, 2});

        assertThat(x.shape()).containsExactly(3, 2);
        assertThat(x.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x.toFloatArray()).containsExactly(4, 40, 0, 0, 2, 20);
        assertThat(y.shape()).containsExactly(3);
        assertThat(y.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(y.toFloatArray()).containsExactly(1, 0, 2);
    }

    @Test
    void describesItself() {
        ArrayDataset data = ArrayDataset.of(new float[2 * 12], new int[] {1, 3, 4}, new int[] {0, 1}, 2);
        assertThat(data.size()).isEqualTo(2);
        assertThat(data.featureShape()).containsExactly(1, 3, 4);
        assertThat(data.featureSize()).isEqualTo(12);
        assertThat(data.numClasses()).isEqualTo(2);
        assertThat(data.features(new int[] {1}).shape()).containsExactly(1, 12);
        assertThat(data.classCounts()).containsExactly(1, 1);
    }

    @Test
    void weightsDefaultToOnesAndFollowSubsets() {
        ArrayDataset plain = numbered(4, 2);
        assertThat(plain.hasWeights()).isFalse();
        assertThat(plain.weights(new int[] {0, 3}).toFloatArray()).containsExactly(1, 1);

        ArrayDataset weighted = plain.withWeights(new float[] {0.5f, 1, 2, 4});
        assertThat(weighted.hasWeights()).isTrue();
        assertThat(weighted.weights(new int[] {3, 0}).toFloatArray()).containsExactly(4, 0.5f);

        ArrayDataset sub = weighted.subset(new int[] {2, 1});
        assertThat(sub.size()).isEqualTo(2);
        assertThat(sub.features(new int[] {0, 1}).toFloatArray()).containsExactly(2, 20, 1, 10);
        assertThat(sub.labels(new int[] {0, 1}).toFloatArray()).containsExactly(0, 1);
        assertThat(sub.weights(new int[] {0, 1}).toFloatArray()).containsExactly(2, 1);
        assertThat(weighted.withoutWeights().hasWeights()).isFalse();
    }

    @Test
    void rejectsInconsistentArrays() {
        assertThatThrownBy(() -> ArrayDataset.of(new float[5], new int[] {2}, new int[] {0, 1, 0}, 2))
                .hasMessageContaining("need 6 feature values, got 5");
        assertThatThrownBy(() -> ArrayDataset.of(new float[4], new int[] {2}, new int[] {0, 3}, 3))
                .hasMessageContaining("label 3 of example 1 is outside [0, 3)");
        assertThatThrownBy(() -> numbered(3, 2).withWeights(new float[] {1, 1}))
                .hasMessageContaining("2 weights given for 3 examples");
        assertThatThrownBy(() -> numbered(2, 2).withWeights(new float[] {1, -1}))
                .hasMessageContaining("weight -1.0 of example 1 must be finite and non-negative");
        assertThatThrownBy(() -> numbered(2, 2).withWeights(new float[] {Float.NaN, 1}))
                .hasMessageContaining("weight NaN of example 0");
    }

    @Test
    void rejectsIndicesOutsideTheDataset() {
        assertThatThrownBy(() -> numbered(3, 2).features(new int[] {0, 3}))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("example 3 is outside [0, 3)");
    }

    @Test
    void pixelsAreScaledToTheUnitInterval() {
        IdxArray images = new IdxArray(new int[] {1, 1, 3}, new byte[] {0, (byte) 51, (byte) 255});
        IdxArray labels = new IdxArray(new int[] {1}, new byte[] {7});

        ArrayDataset data = IdxDatasets.of(images, labels, 10);

        assertThat(data.featureShape()).containsExactly(1, 1, 3);
        assertThat(data.features(new int[] {0}).toFloatArray()).containsExactly(0f, 0.2f, 1f);
        assertThat(data.label(0)).isEqualTo(7);
    }
}
