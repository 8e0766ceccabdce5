package org.jgrad.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.jgrad.autograd.ops.SoftmaxOps;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chapter's worked example in float64: z = W1·x, h = relu(z), o = W2·h, L = softmax
 * cross-entropy, s = λ/2(‖W1‖² + ‖W2‖²), J = L + s. Autograd must match the chain rule written out
 * by hand below and the values PyTorch computed (src/test/resources/reference).
 */
class ChapterNetworkTest {

    private static JsonNode load(String file) throws IOException {
        try (InputStream in = ChapterNetworkTest.class.getResourceAsStream("/reference/" + file)) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] vector(JsonNode n) {
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asDouble();
        }
        return v;
    }

    private static double[][] matrix(JsonNode n) {
        double[][] m = new double[n.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(n.get(i));
        }
        return m;
    }

    private static double[] flat(double[][] m) {
        int cols = m[0].length;
        double[] f = new double[m.length * cols];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(m[i], 0, f, i * cols, cols);
        }
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed_net_float64.json", "seed_net_float64_seed3.json"})
    void autogradMatchesHandDerivedChainRuleAndPyTorch(String file) throws IOException {
        JsonNode ref = load(file);
        double lambda = ref.get("lambda").asDouble();
        int y = ref.get("y").asInt();
        double[] xv = vector(ref.get("x"));
        double[][] w1 = matrix(ref.get("W1"));
        double[][] w2 = matrix(ref.get("W2"));
        int d = xv.length;
        int h = w1.length;
        int q = w2.length;

        Tensor x = Tensor.of(xv, d).name("x");
        Tensor W1 = Tensor.of(flat(w1), h, d).name("W1").attachGrad();
        Tensor W2 = Tensor.of(flat(w2), q, h).name("W2").attachGrad();
        Tensor z;
        Tensor hAct;
        Tensor o;
        Tensor L;
        Tensor s;
        Tensor J;
        try (var scope = Autograd.record()) {
            z = W1.matmul(x);
            hAct = z.relu();
            o = W2.matmul(hAct);
            L = SoftmaxOps.softmaxCrossEntropy(o.reshape(1, q), Tensor.of(new double[] {y})).sum();
            s = W1.square().sum().add(W2.square().sum()).mul(lambda / 2);
            J = L.add(s);
        }
        J.backward();

        // forward values against PyTorch
        assertClose(z.toDoubleArray(), vector(ref.get("z")), 1e-12);
        assertClose(hAct.toDoubleArray(), vector(ref.get("h_act")), 1e-12);
        assertClose(o.toDoubleArray(), vector(ref.get("o")), 1e-12);
        assertClose(o.softmax(0).toDoubleArray(), vector(ref.get("softmax")), 1e-12);
        assertThat(L.item()).isCloseTo(ref.get("L").asDouble(), within(1e-12));
        assertThat(s.item()).isCloseTo(ref.get("s").asDouble(), within(1e-12));
        assertThat(J.item()).isCloseTo(ref.get("J").asDouble(), within(1e-12));

        // the chain rule by hand, in plain double arithmetic
        double[] zz = new double[h];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < d; j++) {
                zz[i] += w1[i][j] * xv[j];
            }
        }
        double[] hh = new double[h];
        for (int i = 0; i < h; i++) {
            hh[i] = Math.max(zz[i], 0);
        }
        double[] oo = new double[q];
        for (int k = 0; k < q; k++) {
            for (int i = 0; i < h; i++) {
                oo[k] += w2[k][i] * hh[i];
            }
        }
        double max = Math.max(oo[0], Math.max(oo[1], oo[2]));
        double sum = 0;
        for (double v : oo) {
            sum += Math.exp(v - max);
        }
        double[] dJdo = new double[q];
        for (int k = 0; k < q; k++) {
            dJdo[k] = Math.exp(oo[k] - max) / sum - (k == y ? 1 : 0); // ∂L/∂o = softmax(o) − onehot(y)
        }
        double[][] dW2 = new double[q][h];
        for (int k = 0; k < q; k++) {
            for (int i = 0; i < h; i++) {
                dW2[k][i] = dJdo[k] * hh[i] + lambda * w2[k][i]; // ∂J/∂o·hᵀ + λW2
            }
        }
        double[] dJdz = new double[h];
        for (int i = 0; i < h; i++) {
            double dJdh = 0;
            for (int k = 0; k < q; k++) {
                dJdh += w2[k][i] * dJdo[k]; // W2ᵀ·∂J/∂o
            }
            dJdz[i] = dJdh * (zz[i] > 0 ? 1 : 0); // ⊙ φ'(z)
        }
        double[][] dW1 = new double[h][d];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < d; j++) {
                dW1[i][j] = dJdz[i] * xv[j] + lambda * w1[i][j]; // ∂J/∂z·xᵀ + λW1
            }
        }

        assertClose(W2.grad().toDoubleArray(), flat(dW2), 1e-10);
        assertClose(W1.grad().toDoubleArray(), flat(dW1), 1e-10);
        assertClose(W2.grad().toDoubleArray(), flat(matrix(ref.get("dJ_dW2"))), 1e-12);
        assertClose(W1.grad().toDoubleArray(), flat(matrix(ref.get("dJ_dW1"))), 1e-12);
        assertThat(W1.grad().dtype()).isEqualTo(DType.FLOAT64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"seed_net_float64.json", "seed_net_float64_seed3.json"})
    void logSoftmaxAndPickGiveTheSameGradientAsTheFusedLoss(String file) throws IOException {
        JsonNode ref = load(file);
        int y = ref.get("y").asInt();
        double[][] w2 = matrix(ref.get("W2"));
        Tensor W2 = Tensor.of(flat(w2), w2.length, w2[0].length).attachGrad();
        Tensor hAct = Tensor.of(vector(ref.get("h_act")));
        Tensor L;
        try (var scope = Autograd.record()) {
            L = W2.matmul(hAct).reshape(1, -1).logSoftmax(1).pick(Tensor.of(new double[] {y})).neg().sum();
        }
        L.backward();
        assertThat(L.item()).isCloseTo(ref.get("L").asDouble(), within(1e-12));
        double[] expected = flat(matrix(ref.get("dJ_dW2")));
        double lambda = ref.get("lambda").asDouble();
        double[] w2f = flat(w2);
        for (int i = 0; i < expected.length; i++) {
            expected[i] -= lambda * w2f[i]; // drop the penalty's share
        }
        assertClose(W2.grad().toDoubleArray(), expected, 1e-12);
    }

    static void assertClose(double[] actual, double[] expected, double rel) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            double tol = rel * Math.max(1, Math.abs(expected[i]));
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tol));
        }
    }
}
