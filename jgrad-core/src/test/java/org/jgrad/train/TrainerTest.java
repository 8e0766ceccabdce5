package org.jgrad.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.DataLoader;
import org.jgrad.data.FashionMnist;
import org.jgrad.data.LastBatch;
import org.jgrad.init.Xavier;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Rng;
import org.junit.jupiter.api.Test;

/** The fit loop on the embedded Fashion-MNIST sample: it learns, it is reproducible, listeners see every event. */
class TrainerTest {
    private static final FashionMnist DATA = FashionMnist.sample();

    private static History run(long seed, int epochs, List<String> events) {
        Sequential net = Mlp.of(10, Activation::relu, 64);
        net.initialize(Xavier.uniform(), new Rng(seed), false);
        ArrayDataset train = DATA.train();
        DataLoader loader = new DataLoader(train, 128, LastBatch.KEEP, new Rng(seed + 1));
        DataLoader test = DataLoader.sequential(DATA.test(), 500);
        return Trainer.builder(net, new SoftmaxCrossEntropyLoss())
                .optimizer(p -> new Sgd(p, 0.2))
                .epochs(epochs)
                .listener(new TrainingListener() {
                    @Override
                    public void onTrainStart(TrainingContext c) {
                        events.add("start " + c.batchesPerEpoch());
                    }

                    @Override
                    public void afterBackward(StepInfo s) {
                        if (s.batch() == 1) {
                            events.add("backward e" + s.epoch() + " grad " + (s.model().parameters().get(0).grad().norm().item() > 0));
                        }
                    }

                    @Override
                    public void onEpochEnd(EpochResult r) {
                        events.add("end " + r.epoch());
                    }
                })
                .build()
                .fit(loader, test);
    }

    @Test
    void learnsFashionMnistAndReportsEveryEpoch() {
        List<String> events = new ArrayList<>();
        History h = run(1, 3, events);
        assertThat(h.epochs()).hasSize(3);
        assertThat(h.epochs().get(2).trainLoss()).isLessThan(h.epochs().get(0).trainLoss());
        assertThat(h.last().testAccuracy()).isGreaterThan(0.70);
        assertThat(h.last().samplesPerSecond()).isPositive();
        assertThat(events).containsExactly("start 47", "backward e1 grad true", "end 1", "backward e2 grad true", "end 2",
                "backward e3 grad true", "end 3");
        assertThat(h.toCsv().lines().count()).isEqualTo(4);
        assertThat(h.last().line()).matches("epoch 3/3  loss \\d\\.\\d{4}  train acc 0\\.\\d{4}  test acc 0\\.\\d{4}  \\d+ samples/s");
    }

    @Test
    void theSameSeedGivesTheSameRunToTheBit() {
        History a = run(7, 2, new ArrayList<>());
        History b = run(7, 2, new ArrayList<>());
        History c = run(8, 2, new ArrayList<>());
        for (int i = 0; i < 2; i++) {
            assertThat(a.epochs().get(i).trainLoss()).isEqualTo(b.epochs().get(i).trainLoss());
            assertThat(a.epochs().get(i).testLoss()).isEqualTo(b.epochs().get(i).testLoss());
        }
        assertThat(c.epochs().get(1).trainLoss()).isNotEqualTo(a.epochs().get(1).trainLoss());
    }

    @Test
    void oneAndTwoThreadsGiveTheSameRunToTheBit() {
        int before = org.jgrad.tensor.kernel.Parallel.threads();
        try {
            org.jgrad.tensor.kernel.Parallel.setThreads(1);
            History one = run(3, 1, new ArrayList<>());
            org.jgrad.tensor.kernel.Parallel.setThreads(2);
            History two = run(3, 1, new ArrayList<>());
            assertThat(two.last().trainLoss()).isEqualTo(one.last().trainLoss());
            assertThat(two.last().testLoss()).isEqualTo(one.last().testLoss());
        } finally {
            org.jgrad.tensor.kernel.Parallel.setThreads(before);
        }
    }

    @Test
    void needsAnOptimizer() {
        assertThatThrownBy(() -> Trainer.builder(Mlp.of(10, Activation::relu, 8), new SoftmaxCrossEntropyLoss()).build())
                .hasMessageContaining("set an optimizer");
    }
}
