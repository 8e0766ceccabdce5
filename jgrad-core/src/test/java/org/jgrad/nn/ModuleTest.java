package org.jgrad.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.Autograd;
import org.jgrad.init.Constant;
import org.jgrad.init.Normal;
import org.jgrad.init.ParamKind;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModuleTest {

    private static Sequential chapterNet() {
        return new Sequential(new Flatten(), new Linear(256), Activation.relu(), new Linear(10));
    }

    @Test
    void parametersAreNamedHierarchicallyAsInGluon() {
        Sequential net = new Sequential(new Linear(4, 3), Activation.relu(), new Sequential(new Linear(2, 4), new Linear(1, 2, false, DType.FLOAT32)));
        assertThat(net.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.0.weight", "2.0.bias", "2.1.weight");
        net.initialize();
        assertThat(net.parameters().get(0).data().name()).isEqualTo("0.weight");
        assertThat(net.parameters(ParamKind.BIAS)).hasSize(2);
    }

    @Test
    void deferredInitializationInfersTheInputSize() {
        Sequential net = chapterNet();
        net.initialize();
        Linear first = (Linear) net.get(1);
        assertThat(first.weight().isInitialized()).isFalse();
        assertThatThrownBy(() -> first.weight().data()).hasMessageContaining("inferred on the first forward");
        Tensor out = net.forward(Tensor.zeros(2, 1, 28, 28));
        assertThat(out.shape()).containsExactly(2, 10);
        assertThat(first.weight().shape()).containsExactly(256, 784);
        assertThat(net.parameterCount()).isEqualTo(784 * 256 + 256 + 256 * 10 + 10);
        // MXNet's default: weights in (−0.07, 0.07), biases zero
        float[] w = first.weight().data().toFloatArray();
        for (float v : w) {
            assertThat(Math.abs(v)).isLessThan(0.07f);
        }
        assertThat(first.bias().data().toFloatArray()).containsOnly(0f);
    }

    @Test
    void forwardWithoutInitializeIsAClearError() {
        Sequential net = chapterNet();
        assertThatThrownBy(() -> net.forward(Tensor.zeros(1, 784))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("call initialize()");
    }

    @Test
    void reinitializingNeedsForce() {
        Linear l = new Linear(3, 2);
        l.initialize();
        assertThatThrownBy(l::initialize).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'weight' is already initialized").hasMessageContaining("forceReinit");
        l.initialize(new Constant(0.5), new Rng(1), true);
        assertThat(l.weight().data().toFloatArray()).containsOnly(0.5f);
        assertThat(l.bias().data().toFloatArray()).containsOnly(0f);
    }

    @Test
    void initializationIsReproducibleFromTheSeed() {
        Sequential a = chapterNet();
        Sequential b = chapterNet();
        a.initialize(new Normal(0.1), 5);
        b.initialize(new Normal(0.1), 5);
        a.forward(Tensor.zeros(1, 784));
        b.forward(Tensor.zeros(1, 784));
        assertThat(a.parameters().get(0).data().toFloatArray()).containsExactly(b.parameters().get(0).data().toFloatArray());
    }

    @Test
    void summaryListsLayersShapesAndCounts() {
        Sequential net = chapterNet();
        net.initialize();
        String s = net.summary(1, 28, 28);
        assertThat(s).contains("Linear(784 → 256)").contains("(1,256)").contains("200,960").contains("(1,10)")
                .contains("2,570").contains("total parameters: 203,530").contains("ReLU");
    }

    @Test
    void linearComputesXWtPlusB() {
        Linear l = new Linear(2, 3, true, DType.FLOAT64);
        l.weight().set(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        l.bias().set(Tensor.of(new double[] {10, 20}));
        Tensor y = l.forward(Tensor.of(new double[] {1, 0, -1, 2, 2, 2}, 2, 3));
        assertThat(y.toDoubleArray()).containsExactly(8, 18, 22, 50);
        Tensor y3 = l.forward(Tensor.of(new double[] {1, 0, -1, 2, 2, 2}, 1, 2, 3));
        assertThat(y3.shape()).containsExactly(1, 2, 2);
        assertThatThrownBy(() -> l.forward(Tensor.zeros(DType.FLOAT64, 2, 4)))
                .hasMessageContaining("has 4 features, expected 3");
    }

    @Test
    void dropoutScalesInTrainingAndIsTheIdentityInEval() {
        Dropout d = new Dropout(0.5, 3);
        Tensor x = Tensor.ones(10_000);
        float[] y = d.forward(x).toFloatArray();
        int zeros = 0;
        for (float v : y) {
            assertThat(v == 0f || v == 2f).isTrue();
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).isBetween(4_700, 5_300);
        d.eval();
        assertThat(d.forward(x)).isSameAs(x);
    }

    @Test
    void activationsComputeTheirFunctions() {
        Tensor x = Tensor.of(new double[] {-2, 0.5});
        assertThat(Activation.leakyRelu(0.1).forward(x).toDoubleArray()).containsExactly(-0.2, 0.5);
        double g = Activation.gelu().forward(Tensor.of(new double[] {1.0})).item();
        assertThat(g).isCloseTo(0.8411920, org.assertj.core.api.Assertions.within(1e-6)); // PyTorch gelu(1, approximate='tanh')
        assertThat(Activation.byName("tanh").forward(x).toDoubleArray()[1]).isEqualTo(Math.tanh(0.5));
        assertThatThrownBy(() -> Activation.byName("swishy")).hasMessageContaining("unknown activation 'swishy'");
    }

    @Test
    void forwardAndBackwardHooksSeeValuesAndCanBeRemoved() {
        Linear l = new Linear(2, 2, true, DType.FLOAT64);
        l.initialize(new Constant(1), 0);
        List<String> seen = new ArrayList<>();
        Runnable f = l.registerForwardHook((m, in, out) -> seen.add("forward " + java.util.Arrays.toString(out.shape())));
        Runnable b = l.registerBackwardHook((m, g) -> seen.add("backward " + g.sum().item()));
        Tensor y;
        try (var scope = Autograd.record()) {
            y = l.forward(Tensor.ones(DType.FLOAT64, 3, 2)).sum();
        }
        y.backward();
        assertThat(seen).containsExactly("forward [3, 2]", "backward 6.0");
        f.run();
        b.run();
        l.forward(Tensor.ones(DType.FLOAT64, 1, 2));
        assertThat(seen).hasSize(2);
    }
}
