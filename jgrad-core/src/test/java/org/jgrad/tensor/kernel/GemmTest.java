package org.jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The named GEMM entry points on a product worked out by hand. */
class GemmTest {
    // A (2×3), B (3×2): A·B = [[58, 64], [139, 154]]
    private static final float[] A = {1, 2, 3, 4, 5, 6};
    private static final float[] B = {7, 8, 9, 10, 11, 12};
    private static final float[] AT = {1, 4, 2, 5, 3, 6};
    private static final float[] BT = {7, 9, 11, 8, 10, 12};
    private static final float[] AB = {58, 64, 139, 154};

    @Test
    void everyTransposeVariantGivesTheSameProduct() {
        float[] c = new float[4];
        Gemm.mult(2, 2, 3, A, B, c);
        assertThat(c).containsExactly(AB);
        Gemm.multTransA(2, 2, 3, AT, B, c);
        assertThat(c).containsExactly(AB);
        Gemm.multTransB(2, 2, 3, A, BT, c);
        assertThat(c).containsExactly(AB);
        Gemm.multTransAB(2, 2, 3, AT, BT, c);
        assertThat(c).containsExactly(AB);
        Gemm.multAdd(2, 2, 3, A, B, c);
        assertThat(c).containsExactly(116, 128, 278, 308);
    }

    @Test
    void doublePrecision() {
        double[] c = {1, 1, 1, 1};
        Gemm.multAddTransB(2, 2, 3, new double[] {1, 2, 3, 4, 5, 6}, new double[] {7, 9, 11, 8, 10, 12}, c);
        assertThat(c).containsExactly(new double[] {59, 65, 140, 155}, within(0.0));
    }
}
