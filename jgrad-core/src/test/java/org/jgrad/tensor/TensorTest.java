package org.jgrad.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values of the forward ops on small cases worked out by hand. */
class TensorTest {

    private static Tensor t(double... v) {
        return Tensor.of(v);
    }

    @Test
    void creationAndProperties() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.rank()).isEqualTo(2);
        assertThat(a.size()).isEqualTo(6);
        assertThat(a.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(Tensor.of(new double[] {1}).dtype()).isEqualTo(DType.FLOAT64);
        assertThat(Tensor.zeros(2, 2).toFloatArray()).containsOnly(0f);
        assertThat(Tensor.ones(DType.FLOAT64, 3).toDoubleArray()).containsOnly(1.0);
        assertThat(Tensor.full(7, 2).toFloatArray()).containsExactly(7f, 7f);
        assertThat(Tensor.arange(4).toFloatArray()).containsExactly(0f, 1f, 2f, 3f);
        assertThat(Tensor.arange(1, 2, 0.25, DType.FLOAT64).toDoubleArray()).containsExactly(1, 1.25, 1.5, 1.75);
        assertThat(Tensor.eye(2).toFloatArray()).containsExactly(1f, 0f, 0f, 1f);
        assertThat(Tensor.scalar(3).item()).isEqualTo(3);
        assertThat(a.get(1, -1)).isEqualTo(6);
    }

    @Test
    void randomDrawsAreReproducibleFromTheSeed() {
        Tensor a = Tensor.randomNormal(new Rng(7), 0, 1, 1000);
        Tensor b = Tensor.randomNormal(new Rng(7), 0, 1, 1000);
        Tensor c = Tensor.randomNormal(new Rng(8), 0, 1, 1000);
        assertThat(a.toFloatArray()).containsExactly(b.toFloatArray());
        assertThat(a.toFloatArray()).isNotEqualTo(c.toFloatArray());
        Tensor big = Tensor.randomNormal(new Rng(1), 2, 3, DType.FLOAT64, 200_000);
        assertThat(big.mean().item()).isCloseTo(2, within(0.03));
        assertThat(big.sub(2).square().mean().item()).isCloseTo(9, within(0.1));
        Tensor u = Tensor.randomUniform(new Rng(1), -1, 3, DType.FLOAT64, 200_000);
        assertThat(u.min().item()).isGreaterThanOrEqualTo(-1);
        assertThat(u.max().item()).isLessThan(3);
        assertThat(u.mean().item()).isCloseTo(1, within(0.02));
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(m.add(t(10, 20, 30)).toDoubleArray()).containsExactly(11, 22, 33, 14, 25, 36);
        assertThat(m.add(Tensor.of(new double[] {100, 200}, 2, 1)).toDoubleArray()).containsExactly(101, 102, 103, 204, 205, 206);
        Tensor outer = Tensor.of(new double[] {1, 2}, 2, 1).mul(t(1, 10, 100));
        assertThat(outer.shape()).containsExactly(2, 3);
        assertThat(outer.toDoubleArray()).containsExactly(1, 10, 100, 2, 20, 200);
        assertThat(m.sub(1).div(2).toDoubleArray()).containsExactly(0, 0.5, 1, 1.5, 2, 2.5);
        Tensor b3 = Tensor.ones(DType.FLOAT64, 2, 1, 3).add(Tensor.zeros(DType.FLOAT64, 4, 1));
        assertThat(b3.shape()).containsExactly(2, 4, 3);
    }

    @Test
    void elementwiseFunctions() {
        Tensor x = t(-2, 0, 3);
        assertThat(x.relu().toDoubleArray()).containsExactly(0, 0, 3);
        assertThat(x.abs().toDoubleArray()).containsExactly(2, 0, 3);
        assertThat(x.neg().toDoubleArray()).containsExactly(2, -0.0, -3);
        assertThat(x.square().toDoubleArray()).containsExactly(4, 0, 9);
        assertThat(x.clip(-1, 1).toDoubleArray()).containsExactly(-1, 0, 1);
        assertThat(x.maximum(t(1, -1, 5)).toDoubleArray()).containsExactly(1, 0, 5);
        assertThat(x.minimum(0).toDoubleArray()).containsExactly(-2, 0, 0);
        assertThat(x.gt(0).toDoubleArray()).containsExactly(0, 0, 1);
        assertThat(x.le(0).toDoubleArray()).containsExactly(1, 1, 0);
        assertThat(x.eq(t(-2, 1, 3)).toDoubleArray()).containsExactly(1, 0, 1);
        assertThat(x.ne(0).toDoubleArray()).containsExactly(1, 0, 1);
        assertThat(x.sigmoid().toDoubleArray()[1]).isEqualTo(0.5);
        assertThat(t(-1000, 1000).sigmoid().toDoubleArray()).containsExactly(0, 1);
        assertThat(x.tanh().toDoubleArray()[2]).isCloseTo(Math.tanh(3), within(1e-15));
        assertThat(t(4, 9).sqrt().toDoubleArray()).containsExactly(2, 3);
        assertThat(t(0).exp().item()).isEqualTo(1);
        assertThat(t(Math.E).log().item()).isCloseTo(1, within(1e-15));
        assertThat(t(2, 3).pow(t(3, 2)).toDoubleArray()).containsExactly(8, 9);
    }

    @Test
    void reductions() {
        Tensor m = Tensor.of(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
        assertThat(m.sum().item()).isEqualTo(21);
        assertThat(m.sum(0).toDoubleArray()).containsExactly(5, 7, 9);
        assertThat(m.sum(1).toDoubleArray()).containsExactly(9, 12);
        assertThat(m.sum(new int[] {1}, true).shape()).containsExactly(2, 1);
        assertThat(m.mean().item()).isEqualTo(3.5);
        assertThat(m.mean(0).toDoubleArray()).containsExactly(2.5, 3.5, 4.5);
        assertThat(m.max(1).toDoubleArray()).containsExactly(5, 6);
        assertThat(m.min(0).toDoubleArray()).containsExactly(1, 2, 3);
        assertThat(m.argmax(1).toDoubleArray()).containsExactly(1, 2);
        assertThat(m.argmax().item()).isEqualTo(5);
        assertThat(m.argmin(0).toDoubleArray()).containsExactly(0, 1, 0);
        assertThat(t(3, 4).norm().item()).isEqualTo(5);
        Tensor cube = Tensor.arange(0, 24, 1, DType.FLOAT64).reshape(2, 3, 4);
        assertThat(cube.sum(0, 2).toDoubleArray()).containsExactly(60, 92, 124);
        assertThat(cube.sum(new int[] {0, 2}, true).shape()).containsExactly(1, 3, 1);
        assertThat(cube.max(new int[] {0, 1}, false).toDoubleArray()).containsExactly(20, 21, 22, 23);
    }

    @Test
    void shapeOps() {
        Tensor m = Tensor.arange(0, 6, 1, DType.FLOAT64).reshape(2, 3);
        assertThat(m.transpose().shape()).containsExactly(3, 2);
        assertThat(m.transpose().toDoubleArray()).containsExactly(0, 3, 1, 4, 2, 5);
        assertThat(m.reshape(-1, 2).shape()).containsExactly(3, 2);
        assertThat(m.flatten().shape()).containsExactly(6);
        Tensor cube = Tensor.arange(0, 24, 1, DType.FLOAT64).reshape(2, 3, 4);
        Tensor p = cube.transpose(2, 0, 1);
        assertThat(p.shape()).containsExactly(4, 2, 3);
        assertThat(p.get(3, 1, 2)).isEqualTo(cube.get(1, 2, 3));
        assertThat(m.slice(1, 1, 3).toDoubleArray()).containsExactly(1, 2, 4, 5);
        assertThat(m.slice(0, -1, 2).toDoubleArray()).containsExactly(3, 4, 5);
        assertThat(Tensor.concat(0, m, m).shape()).containsExactly(4, 3);
        assertThat(Tensor.concat(1, m, m.slice(1, 0, 1)).toDoubleArray()).containsExactly(0, 1, 2, 0, 3, 4, 5, 3);
        Tensor st = Tensor.stack(1, t(1, 2), t(3, 4));
        assertThat(st.shape()).containsExactly(2, 2);
        assertThat(st.toDoubleArray()).containsExactly(1, 3, 2, 4);
        assertThat(m.pick(t(2, 0)).toDoubleArray()).containsExactly(2, 3);
        assertThat(m.take(new int[] {2, 0, 2}, 1).toDoubleArray()).containsExactly(2, 0, 2, 5, 3, 5);
        assertThat(t(2, 0).oneHot(3).toDoubleArray()).containsExactly(0, 0, 1, 1, 0, 0);
        assertThat(t(1, 2).broadcastTo(3, 2).toDoubleArray()).containsExactly(1, 2, 1, 2, 1, 2);
        assertThatThrownBy(() -> m.transpose(0, 0)).hasMessageContaining("appears twice");
    }

    @Test
    void matmulCases() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertThat(a.matmul(b).toDoubleArray()).containsExactly(58, 64, 139, 154);
        assertThat(t(1, 2, 3).dot(t(4, 5, 6)).item()).isEqualTo(32);
        assertThat(t(1, 2, 3).dot(t(4, 5, 6)).rank()).isZero();
        assertThat(a.matmul(t(1, 1, 1)).toDoubleArray()).containsExactly(6, 15);
        assertThat(t(1, 1).matmul(a).toDoubleArray()).containsExactly(5, 7, 9);
        Tensor batch = Tensor.stack(0, a, a.mul(2));
        Tensor r = batch.matmul(b);
        assertThat(r.shape()).containsExactly(2, 2, 2);
        assertThat(r.toDoubleArray()).containsExactly(58, 64, 139, 154, 116, 128, 278, 308);
        Tensor bb = Tensor.stack(0, b, b);
        assertThat(batch.matmul(bb).toDoubleArray()).containsExactly(r.toDoubleArray());
        assertThat(Tensor.eye(3, DType.FLOAT64).matmul(b).toDoubleArray()).containsExactly(b.toDoubleArray());
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        Tensor x = Tensor.of(new float[] {1e4f, -1e4f, 0f, 1e4f}, 2, 2);
        float[] p = x.softmax(1).toFloatArray();
        assertThat(p).containsExactly(1f, 0f, 0f, 1f);
        float[] lp = x.logSoftmax(1).toFloatArray();
        assertThat(lp[0]).isEqualTo(0f);
        assertThat(lp[1]).isEqualTo(-2e4f);
        Tensor m = Tensor.of(new double[] {1, 2, 3, 1, 1, 1}, 2, 3);
        double[] s = m.softmax(1).toDoubleArray();
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(s[2]).isCloseTo(Math.exp(3) / e, within(1e-15));
        assertThat(s[3]).isCloseTo(1.0 / 3, within(1e-15));
        for (double v : m.softmax(0).sum(0).toDoubleArray()) {
            assertThat(v).isCloseTo(1, within(1e-15));
        }
    }

    @Test
    void conversions() {
        Tensor f = Tensor.of(new float[] {1.5f, -2f});
        assertThat(f.astype(DType.FLOAT64).toDoubleArray()).containsExactly(1.5, -2);
        assertThat(f.toDoubleArray()).containsExactly(1.5, -2);
        assertThat(Tensor.of(new double[] {0.1}).astype(DType.FLOAT32).toFloatArray()).containsExactly(0.1f);
        assertThatThrownBy(() -> f.item()).isInstanceOf(IllegalStateException.class).hasMessageContaining("exactly one");
    }

    @Test
    void printsLikeNumpy() {
        assertThat(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).toString())
                .isEqualTo("tensor([[1., 2.],\n        [3., 4.]], shape=(2,2), dtype=float32)");
        assertThat(Tensor.of(new double[] {0.5, -1.25}).toString()).isEqualTo("tensor([ 0.50, -1.25], shape=(2,), dtype=float64)");
        assertThat(Tensor.scalar(2).toString()).isEqualTo("tensor(2., shape=(), dtype=float32)");
        assertThat(Tensor.of(new float[] {1e-6f, 1f}).toString()).isEqualTo("tensor([1.0000e-06, 1.0000e+00], shape=(2,), dtype=float32)");
        String big = Tensor.arange(2000).reshape(40, 50).toString();
        assertThat(big).contains("...").contains("1999.").contains("shape=(40,50)");
        assertThat(big.lines().count()).isLessThan(10);
    }
}
