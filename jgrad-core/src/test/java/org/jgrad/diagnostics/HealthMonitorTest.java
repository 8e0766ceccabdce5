package org.jgrad.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.DataLoader;
import org.jgrad.data.LastBatch;
import org.jgrad.init.Constant;
import org.jgrad.init.Mixed;
import org.jgrad.init.Normal;
import org.jgrad.init.Xavier;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Rng;
import org.jgrad.train.Trainer;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {

    /** 512 random points in 8-D, labelled by the sign pattern of two coordinates (4 classes). */
    private static DataLoader data(long seed) {
        Rng rng = new Rng(seed);
        int n = 512;
        float[] x = new float[n * 8];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 8; j++) {
                x[i * 8 + j] = (float) rng.nextGaussian();
            }
            y[i] = (x[i * 8] > 0 ? 1 : 0) + (x[i * 8 + 1] > 0 ? 2 : 0);
        }
        return new DataLoader(ArrayDataset.of(x, new int[] {8}, y, 4), 64, LastBatch.KEEP, new Rng(seed + 1));
    }

    private static HealthMonitor train(Sequential net, double lr, int epochs, List<String> warnings) {
        HealthMonitor monitor = new HealthMonitor(1, 1e3, 1e-7, warnings::add);
        Trainer.builder(net, new SoftmaxCrossEntropyLoss()).optimizer(p -> new Sgd(p, lr)).epochs(epochs)
                .listener(monitor).build().fit(data(1), null);
        return monitor;
    }

    @Test
    void recordsEveryLayerAtEveryStepAndExportsCsv() {
        Sequential net = Mlp.of(4, Activation::relu, 16, 16);
        net.initialize(Xavier.uniform(), 2);
        List<String> warnings = new ArrayList<>();
        HealthMonitor m = train(net, 0.1, 2, warnings);
        assertThat(m.rows()).hasSize(3 * 8 * 2); // 3 linear layers, 8 steps per epoch, 2 epochs
        HealthMonitor.Row first = m.rows().get(0);
        assertThat(first.layer()).isEqualTo("1");
        assertThat(first.gradNorm()).isPositive();
        assertThat(first.updateRatio()).isPositive().isLessThan(1);
        assertThat(first.activationStd()).isPositive();
        assertThat(first.deadFraction()).isBetween(0.0, 1.0);
        assertThat(first.distinctRows()).isEqualTo(16);
        assertThat(Double.isNaN(m.rows().get(2).activationMean())).as("the output layer has no activation").isTrue();
        assertThat(m.toCsv().lines().count()).isEqualTo(1 + 48);
        assertThat(warnings).isEmpty();
    }

    @Test
    void detectsSymmetryWhenWeightsStartIdentical() {
        Sequential net = Mlp.of(4, Activation::tanh, 16);
        // every hidden unit has the same incoming and outgoing weights: the chapter's symmetric case
        net.initialize(new Mixed().add("1\\.", new Constant(0.1)).add("3\\.", new Constant(-0.2)), new Rng(3), false);
        List<String> warnings = new ArrayList<>();
        HealthMonitor m = train(net, 0.1, 2, warnings);
        assertThat(m.rows().get(m.rows().size() - 2).distinctRows()).as("hidden units after training").isEqualTo(1);
        assertThat(warnings).anyMatch(w -> w.contains("layer 1: all 16 units have identical weights"));
        // only the hidden layer: the output units differ after one step, since their targets differ
        assertThat(warnings.stream().filter(w -> w.contains("identical weights"))).hasSize(1);
        assertThat(warnings).noneMatch(w -> w.contains("exploding"));
        Sequential random = Mlp.of(4, Activation::tanh, 16);
        random.initialize(new Normal(0.1), 3);
        assertThat(train(random, 0.1, 1, new ArrayList<>()).rows().get(0).distinctRows()).isEqualTo(16);
    }

    @Test
    void warnsOnceWhenGradientsExplode() {
        Sequential net = Mlp.of(4, Activation::relu, 32, 32, 32);
        net.initialize(new Normal(1.0), 4);
        List<String> warnings = new ArrayList<>();
        train(net, 5.0, 2, warnings);
        assertThat(warnings).anyMatch(w -> w.contains("exploding"));
        assertThat(warnings.stream().filter(w -> w.startsWith("jgrad health: layer 1:") && w.contains("exploding")).count()).isEqualTo(1);
    }

    @Test
    void warnsWhenEarlyGradientsVanishInADeepSigmoidNet() {
        int[] hidden = new int[12];
        java.util.Arrays.fill(hidden, 16);
        Sequential net = Mlp.of(4, Activation::sigmoid, hidden);
        net.initialize(new Normal(0.01), 5);
        List<String> warnings = new ArrayList<>();
        HealthMonitor m = train(net, 0.1, 1, warnings);
        assertThat(warnings).anyMatch(w -> w.contains("vanishing gradients") && w.startsWith("jgrad health: layer 1:"));
        HealthMonitor.Row firstLayer = m.rows().get(0);
        HealthMonitor.Row lastLayer = m.rows().get(12);
        assertThat(firstLayer.gradNorm()).isLessThan(1e-6 * lastLayer.gradNorm());
    }

    @Test
    void countsDeadReluUnits() {
        Sequential net = new Sequential(new Linear(8, 8), Activation.relu(), new Linear(4, 8));
        net.initialize(new Normal(0.01), 6);
        ((Linear) net.get(0)).bias().set(org.jgrad.tensor.Tensor.full(-10, 8));
        List<String> warnings = new ArrayList<>();
        HealthMonitor m = train(net, 0.01, 1, warnings);
        assertThat(m.rows().get(0).deadFraction()).isEqualTo(1.0);
    }
}
