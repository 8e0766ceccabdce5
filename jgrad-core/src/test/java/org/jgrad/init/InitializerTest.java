package org.jgrad.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Each initializer's empirical mean and variance on large tensors against its formula. */
class InitializerTest {
    private static final Initializer.Target W = new Initializer.Target("0.weight", ParamKind.WEIGHT);
    private static final Initializer.Target B = new Initializer.Target("0.bias", ParamKind.BIAS);

    private static Tensor draw(Initializer init, int... shape) {
        Tensor t = Tensor.zeros(DType.FLOAT64, shape);
        init.initialize(W, t, new Rng(11));
        return t;
    }

    private static double variance(Tensor t) {
        double m = t.mean().item();
        return t.sub(m).square().mean().item();
    }

    /** Asserts mean ≈ 0 and variance within 3% of the expected value (n ≥ 250k draws). */
    private static void assertMoments(Tensor t, double expectedVariance) {
        double sd = Math.sqrt(expectedVariance);
        assertThat(t.mean().item()).isCloseTo(0, within(5 * sd / Math.sqrt(t.size())));
        assertThat(variance(t)).isCloseTo(expectedVariance, within(0.03 * expectedVariance));
    }

    @Test
    void uniformDefaultIsMxnets007() {
        Tensor t = draw(new Uniform(), 500, 600);
        assertMoments(t, 0.07 * 0.07 / 3);
        assertThat(t.max().item()).isLessThan(0.07);
        assertThat(t.min().item()).isGreaterThanOrEqualTo(-0.07);
    }

    @Test
    void normalDefaultIsSigma001() {
        assertMoments(draw(new Normal(), 500, 600), 1e-4);
    }

    @Test
    void xavierMatchesTheChaptersFormulas() {
        int out = 400;
        int in = 700;
        // uniform/avg/magnitude 3: U[−a, a], a = √(6/(n_in + n_out)), variance a²/3 = 2/(n_in + n_out)
        Tensor u = draw(Xavier.uniform(), out, in);
        double a = Math.sqrt(6.0 / (in + out));
        assertMoments(u, 2.0 / (in + out));
        assertThat(u.max().item()).isLessThan(a).isGreaterThan(0.99 * a);
        // gaussian/avg/magnitude 1: variance 2/(n_in + n_out)
        assertMoments(draw(Xavier.gaussian(), out, in), 2.0 / (in + out));
        // factor in / out
        assertMoments(draw(new Xavier(Xavier.RandomType.GAUSSIAN, Xavier.FactorType.IN, 2), out, in), 2.0 / in);
        assertMoments(draw(new Xavier(Xavier.RandomType.UNIFORM, Xavier.FactorType.OUT, 3), out, in), 1.0 / out);
        // convolution-shaped weights use receptive fields: fan_in = 8·3·3, fan_out = 16·3·3
        assertMoments(draw(Xavier.gaussian(), 160, 80, 3, 3), 2.0 / ((80 + 160) * 9));
    }

    @Test
    void msraPreluAndHe() {
        int out = 400;
        int in = 700;
        assertMoments(draw(MsraPrelu.he(), out, in), 2.0 / in);
        double slope = 0.25;
        assertMoments(draw(new MsraPrelu(), out, in), 2 / (1 + slope * slope) / ((in + out) / 2.0));
    }

    @Test
    void orthogonalGivesOrthonormalRowsOrColumns() {
        Tensor wide = draw(new Orthogonal(1.0, false), 20, 50);
        Tensor gram = wide.matmul(wide.transpose());
        assertClose(gram, Tensor.eye(20, DType.FLOAT64), 1e-10);
        Tensor tall = draw(new Orthogonal(2.0, true), 50, 20);
        assertClose(tall.transpose().matmul(tall), Tensor.eye(20, DType.FLOAT64).mul(4), 1e-10);
    }

    private static void assertClose(Tensor a, Tensor b, double tol) {
        double[] x = a.toDoubleArray();
        double[] y = b.toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            assertThat(x[i]).isCloseTo(y[i], within(tol));
        }
    }

    @Test
    void constantZeroOneAndBiasesAreZero() {
        assertThat(draw(new Constant(0.3), 4, 4).toDoubleArray()).containsOnly(0.3);
        assertThat(draw(Constant.one(), 2, 2).toDoubleArray()).containsOnly(1.0);
        assertThat(draw(Constant.zero(), 2, 2).toDoubleArray()).containsOnly(0.0);
        Tensor bias = Tensor.ones(DType.FLOAT64, 5);
        new Normal(1).initialize(B, bias, new Rng(1));
        assertThat(bias.toDoubleArray()).containsOnly(0.0);
    }

    @Test
    void mixedRoutesByNameAndRejectsUnmatchedNames() {
        Mixed mixed = new Mixed().add("1\\..*", new Constant(2)).add(".*", new Constant(1));
        Tensor a = Tensor.zeros(DType.FLOAT64, 2, 2);
        Tensor b = Tensor.zeros(DType.FLOAT64, 2, 2);
        mixed.initialize(new Initializer.Target("1.weight", ParamKind.WEIGHT), a, new Rng(0));
        mixed.initialize(new Initializer.Target("0.weight", ParamKind.WEIGHT), b, new Rng(0));
        assertThat(a.toDoubleArray()).containsOnly(2.0);
        assertThat(b.toDoubleArray()).containsOnly(1.0);
        Mixed strict = new Mixed().add("dense", new Constant(1));
        assertThatThrownBy(() -> strict.initialize(W, a, new Rng(0))).hasMessageContaining("'0.weight' matches none")
                .hasMessageContaining("\".*\"");
    }

    @Test
    void sameSeedSameDrawOtherSeedOtherDraw() {
        Tensor a = Tensor.zeros(3, 3);
        Tensor b = Tensor.zeros(3, 3);
        Tensor c = Tensor.zeros(3, 3);
        Xavier.uniform().initialize(W, a, new Rng(4));
        Xavier.uniform().initialize(W, b, new Rng(4));
        Xavier.uniform().initialize(W, c, new Rng(5));
        assertThat(a.toFloatArray()).containsExactly(b.toFloatArray());
        assertThat(a.toFloatArray()).isNotEqualTo(c.toFloatArray());
    }

    @Test
    void fansNeedAMatrix() {
        assertThatThrownBy(() -> draw(Xavier.uniform(), 10)).hasMessageContaining("at least 2 axes")
                .hasMessageContaining("'0.weight'");
    }
}
