package org.jgrad.train;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jgrad.autograd.Autograd;
import org.jgrad.data.Batch;
import org.jgrad.data.DataLoader;
import org.jgrad.init.ParamKind;
import org.jgrad.loss.L2Penalty;
import org.jgrad.loss.Loss;
import org.jgrad.nn.Module;
import org.jgrad.nn.Parameter;
import org.jgrad.optim.GradClip;
import org.jgrad.optim.Optimizer;
import org.jgrad.tensor.Tensor;

/**
 * The fit loop, DJL's EasyTrain shape: epoch → batch → (forward, loss [+ L2 penalty], backward,
 * clip, step) → listeners; then evaluation on the test set. Reproducible to the bit for a fixed
 * thread count when the model, the data loader and every initializer are seeded.
 * <pre>{@code
 * History h = Trainer.builder(net, new SoftmaxCrossEntropyLoss())
 *         .optimizer(params -> new Sgd(params, 0.1))
 *         .epochs(10).listener(progress).build()
 *         .fit(trainLoader, testLoader);
 * }</pre>
 */
public final class Trainer {
    private final Module model;
    private final Loss loss;
    private final Function<List<Tensor>, Optimizer> optimizerFactory;
    private final int epochs;
    private final double l2;
    private final double clipNorm;
    private final List<TrainingListener> listeners;
    private Optimizer optimizer;
    private int firstEpoch = 1;
    private long globalStep;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizerFactory = b.optimizerFactory;
        this.epochs = b.epochs;
        this.l2 = b.l2;
        this.clipNorm = b.clipNorm;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder(Module model, Loss loss) {
        return new Builder(model, loss);
    }

    /** The optimizer, created on the first fit (after deferred shapes are known); null before. */
    public Optimizer optimizer() {
        return optimizer;
    }

    /** Makes sure every parameter exists (running one forward pass on a sample batch if needed) and builds the optimizer. */
    public Optimizer prepare(Batch sample) {
        if (optimizer == null) {
            boolean deferred = model.parameters().stream().anyMatch(p -> !p.isInitialized());
            if (deferred) {
                try (var scope = Autograd.pause()) {
                    model.forward(sample.features());
                }
            }
            optimizer = optimizerFactory.apply(model.parameterTensors());
        }
        return optimizer;
    }

    /** Continues counting epochs from a checkpoint: the next fit starts at {@code epoch}. */
    public void resumeAt(int epoch, long step) {
        this.firstEpoch = epoch;
        this.globalStep = step;
    }

    /** Trains for the configured epochs; test may be null. */
    public History fit(DataLoader train, DataLoader test) {
        if (train.dataset().size() == 0) {
            throw new IllegalArgumentException("Trainer: the training data set is empty");
        }
        prepare(train.firstBatch()); // not train.iterator(): that would draw an epoch's shuffle
        List<Tensor> weights = new ArrayList<>();
        for (Parameter p : model.parameters(ParamKind.WEIGHT)) {
            weights.add(p.data());
        }
        TrainingContext ctx = new TrainingContext(model, optimizer, epochs, train.numBatches(), firstEpoch);
        listeners.forEach(l -> l.onTrainStart(ctx));
        History history = new History();
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            EpochResult r = runEpoch(epoch, train, test, weights);
            history.add(r);
            listeners.forEach(l -> l.onEpochEnd(r));
        }
        listeners.forEach(l -> l.onTrainEnd(history));
        return history;
    }

    private EpochResult runEpoch(int epoch, DataLoader train, DataLoader test, List<Tensor> weights) {
        for (TrainingListener l : listeners) {
            l.onEpochStart(epoch, epochs);
        }
        model.train();
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        double lossSum = 0;
        long correct = 0;
        long samples = 0;
        int batchIndex = 0;
        int batches = train.numBatches();
        for (Batch b : train) {
            Tensor out;
            Tensor meanLoss;
            Tensor objective;
            try (var scope = Autograd.record()) {
                out = model.forward(b.features());
                meanLoss = loss.mean(out, b.labels(), b.weights());
                objective = l2 > 0 ? meanLoss.add(L2Penalty.of(l2, weights)) : meanLoss;
            }
            objective.backward();
            globalStep++;
            batchIndex++;
            double lossValue = meanLoss.item();
            samples += b.size();
            StepInfo info = new StepInfo(epoch, epochs, globalStep, batchIndex, batches, b.size(), lossValue,
                    System.nanoTime() - start, samples, model, optimizer);
            for (TrainingListener l : listeners) {
                l.afterBackward(info);
            }
            if (clipNorm > 0) {
                GradClip.byGlobalNorm(optimizer.parameters(), clipNorm);
            }
            optimizer.step();
            lossSum += lossValue * b.size();
            correct += Evaluation.correct(out, b.labels());
            for (TrainingListener l : listeners) {
                l.afterStep(info);
            }
        }
        long nanos = System.nanoTime() - start;
        long gc = gcMillis() - gcBefore;
        Evaluation.Result t = test == null ? new Evaluation.Result(Double.NaN, Double.NaN, 0) : Evaluation.of(model, loss, test);
        return new EpochResult(epoch, epochs, lossSum / samples, (double) correct / samples, t.loss(), t.accuracy(),
                samples * 1e9 / nanos, nanos / 1e9, gc);
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Settings of a run; defaults: 10 epochs, no L2 penalty, no clipping. */
    public static final class Builder {
        private final Module model;
        private final Loss loss;
        private Function<List<Tensor>, Optimizer> optimizerFactory;
        private int epochs = 10;
        private double l2;
        private double clipNorm;
        private final List<TrainingListener> listeners = new ArrayList<>();

        private Builder(Module model, Loss loss) {
            this.model = model;
            this.loss = loss;
        }

        /** How to build the optimizer from the model's parameter tensors (called once they all exist). */
        public Builder optimizer(Function<List<Tensor>, Optimizer> factory) {
            this.optimizerFactory = factory;
            return this;
        }

        public Builder epochs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("Trainer: epochs must be ≥ 1, got " + n);
            }
            this.epochs = n;
            return this;
        }

        /** Adds the chapter's penalty λ/2·Σ‖W‖² over the weights (not biases) to the loss. */
        public Builder l2(double lambda) {
            if (lambda < 0) {
                throw new IllegalArgumentException("Trainer: L2 λ must be ≥ 0, got " + lambda);
            }
            this.l2 = lambda;
            return this;
        }

        /** Clips gradients to this global L2 norm before each step (0: off). */
        public Builder clipGlobalNorm(double maxNorm) {
            this.clipNorm = maxNorm;
            return this;
        }

        public Builder listener(TrainingListener l) {
            listeners.add(l);
            return this;
        }

        public Trainer build() {
            if (optimizerFactory == null) {
                throw new IllegalStateException("Trainer: set an optimizer, e.g. .optimizer(p -> new Sgd(p, 0.1))");
            }
            return new Trainer(this);
        }
    }
}
