package peers;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * The chapter's MLP step (784-256-10, ReLU, softmax cross-entropy, SGD 0.1, batch 256) on DJL's
 * PyTorch engine, timed like bench/peers.py times PyTorch: 40 pre-made batches taken in turn,
 * medians of rounds after warm-up. Prints one JSON line. Threads: -Dai.djl.pytorch.num_threads.
 */
public final class DjlStep {
    public static void main(String[] args) {
        int batches = 40;
        try (Model model = Model.newInstance("mlp", "PyTorch")) {
            SequentialBlock net = new SequentialBlock()
                    .add(Linear.builder().setUnits(256).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(10).build());
            model.setBlock(net);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(256, 784));
                NDManager manager = trainer.getManager();
                NDArray data = manager.randomUniform(0, 1, new Shape(256L * batches, 784));
                NDArray labels = manager.randomInteger(0, 10, new Shape(256L * batches), DataType.INT64);
                NDArray[] xs = new NDArray[batches];
                NDArray[] ys = new NDArray[batches];
                for (int i = 0; i < batches; i++) {
                    xs[i] = data.get(new NDIndex(i * 256 + ":" + (i + 1) * 256));
                    ys[i] = labels.get(new NDIndex(i * 256 + ":" + (i + 1) * 256));
                }
                int[] next = {0};
                Runnable step = () -> {
                    int i = next[0];
                    next[0] = (i + 1) % batches;
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray x = xs[i];
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList out = trainer.forward(new NDList(x));
                            NDArray loss = trainer.getLoss().evaluate(new NDList(ys[i]), out);
                            gc.backward(loss);
                            out.attach(scope);
                            loss.attach(scope);
                        }
                        trainer.step();
                    }
                };
                double[] r = Timing.medianSeconds(step, 3.0, 7, 0.4);
                System.out.printf("{\"peer\": \"djl\", \"engine\": \"PyTorch %s\", \"threads\": \"%s\", \"samples_per_s\": %.1f, \"min\": %.1f, \"max\": %.1f}%n",
                        ai.djl.engine.Engine.getEngine("PyTorch").getVersion(), System.getProperty("ai.djl.pytorch.num_threads", "default"),
                        256 / r[0], 256 / r[2], 256 / r[1]);
            }
        }
    }
}
