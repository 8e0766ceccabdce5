package org.jgrad.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SpectraTest {

    @Test
    void eigenvaluesOfKnownMatrices() {
        // [[2, 0], [0, -3]] → 3 (magnitude first), 2
        List<Spectra.Complex> d = Spectra.eigenvalues(Tensor.of(new double[] {2, 0, 0, -3}, 2, 2));
        assertThat(d.get(0).re()).isCloseTo(-3, within(1e-12));
        assertThat(d.get(1).re()).isCloseTo(2, within(1e-12));
        // a rotation by 90°: ±i
        List<Spectra.Complex> r = Spectra.eigenvalues(Tensor.of(new double[] {0, -1, 1, 0}, 2, 2));
        assertThat(r.get(0).abs()).isCloseTo(1, within(1e-12));
        assertThat(Math.abs(r.get(0).im())).isCloseTo(1, within(1e-12));
        assertThat(Spectra.spectralRadius(Tensor.of(new double[] {0.5, 1, 0, 0.25}, 2, 2))).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void singularValuesAndCondition() {
        double[] sv = Spectra.singularValues(Tensor.of(new double[] {3, 0, 0, 0, -4, 0}, 2, 3));
        assertThat(sv).containsExactly(new double[] {4, 3}, within(1e-12));
        assertThat(Spectra.conditionNumber(Tensor.of(new double[] {3, 0, 0, 4}, 2, 2))).isCloseTo(4.0 / 3, within(1e-12));
    }

    @Test
    void theProductOfRandomMatricesGrowsWithTheirSpectralRadius() {
        // the chapter's experiment: the norm of a product of Gaussian 4×4 matrices explodes
        Rng rng = new Rng(0);
        Tensor m = Tensor.randomNormal(rng, 0, 1, DType.FLOAT64, 4, 4);
        double radius = Spectra.spectralRadius(m);
        Tensor p = m;
        for (int i = 0; i < 30; i++) {
            p = p.matmul(m);
        }
        double growth = Math.log(p.norm().item()) / 31;
        assertThat(growth).isCloseTo(Math.log(radius), within(0.15));
    }

    @Test
    void rejectsNonSquareInput() {
        assertThatThrownBy(() -> Spectra.eigenvalues(Tensor.zeros(2, 3))).hasMessageContaining("square matrix, got shape (2,3)");
    }
}
