package org.jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reference kernel against answers worked out by hand. */
class NaiveGemmTest {
    // A = [1 2 3; 4 5 6] (2×3), B = [7 8; 9 10; 11 12] (3×2), A·B = [58 64; 139 154]
    private static final double[] A = {1, 2, 3, 4, 5, 6};
    private static final double[] A_T = {1, 4, 2, 5, 3, 6};
    private static final double[] B = {7, 8, 9, 10, 11, 12};
    private static final double[] B_T = {7, 9, 11, 8, 10, 12};
    private static final double[] PRODUCT = {58, 64, 139, 154};

    @Test
    void allFourLayoutsGiveTheHandComputedProduct() {
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
            double[] c = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
            NaiveGemm.dgemm(ta, tb, 2, 2, 3, ta ? A_T : A, 0, ta ? 2 : 3, tb ? B_T : B, 0, tb ? 3 : 2, 0, c, 0, 2);
            assertThat(c).as("transA=%s transB=%s", ta, tb).containsExactly(PRODUCT);

            float[] cf = {1, 1, 1, 1};
            NaiveGemm.sgemm(ta, tb, 2, 2, 3, f(ta ? A_T : A), 0, ta ? 2 : 3, f(tb ? B_T : B), 0, tb ? 3 : 2,
                    1, cf, 0, 2);
            assertThat(cf).containsExactly(59, 65, 140, 155);
        }
    }

    @Test
    void offsetsAndLeadingDimensionsLeaveTheRestAlone() {
        // C is the 2×2 block at offset 1 of a 3-wide buffer; the rest must stay -1.
        double[] c = {-1, 0, 0, -1, 0, 0, -1};
        double[] a = {99, 1, 2, 3, 99, 4, 5, 6}; // offset 1, lda 4
        NaiveGemm.dgemm(false, false, 2, 2, 3, a, 1, 4, B, 0, 2, 0, c, 1, 3);
        assertThat(c).containsExactly(-1, 58, 64, -1, 139, 154, -1);
    }

    @Test
    void emptyDepthScalesC() {
        double[] c = {Double.NaN, 2};
        NaiveGemm.dgemm(false, false, 1, 2, 0, new double[0], 0, 0, new double[0], 0, 2, 0, c, 0, 2);
        assertThat(c).containsExactly(0, 0);
        double[] d = {3, 2};
        NaiveGemm.dgemm(false, false, 1, 2, 0, new double[0], 0, 0, new double[0], 0, 2, 1, d, 0, 2);
        assertThat(d).containsExactly(3, 2);
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        assertThatThrownBy(() -> NaiveGemm.dgemm(false, false, 2, 2, 3, A, 0, 2, B, 0, 2, 0, new double[4], 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leading dimension of A").hasMessageContaining(">= 3, got 2");
        assertThatThrownBy(() -> NaiveGemm.dgemm(false, false, 2, 2, 3, A, 1, 3, B, 0, 2, 0, new double[4], 0, 2))
                .isInstanceOf(IndexOutOfBoundsException.class).hasMessageContaining("needs index 6");
        assertThatThrownBy(() -> NaiveGemm.sgemm(false, false, -1, 2, 3, new float[6], 0, 3, new float[6], 0, 2,
                0, new float[4], 0, 2)).hasMessageContaining("m=-1");
    }

    private static float[] f(double[] x) {
        float[] r = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = (float) x[i];
        }
        return r;
    }
}
