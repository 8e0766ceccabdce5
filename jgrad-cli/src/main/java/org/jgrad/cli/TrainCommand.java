package org.jgrad.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jgrad.data.DataLoader;
import org.jgrad.data.FashionMnist;
import org.jgrad.data.LastBatch;
import org.jgrad.init.Constant;
import org.jgrad.init.Initializer;
import org.jgrad.init.MsraPrelu;
import org.jgrad.init.Normal;
import org.jgrad.init.Orthogonal;
import org.jgrad.init.Uniform;
import org.jgrad.init.Xavier;
import org.jgrad.io.TrainingCheckpoint;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Parameter;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Adam;
import org.jgrad.optim.LrSchedule;
import org.jgrad.optim.Optimizer;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.KernelProvider;
import org.jgrad.train.EpochResult;
import org.jgrad.train.History;
import org.jgrad.train.Trainer;
import org.jgrad.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jgrad train}: an MLP on Fashion-MNIST, one line per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an MLP on Fashion-MNIST (real data when installed, else the embedded sample).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--hidden", split = ",", description = "Hidden layer sizes (default: ${DEFAULT-VALUE}).", defaultValue = "256")
    int[] hidden;

    @Option(names = "--activation", description = "relu, sigmoid, tanh, leaky_relu or gelu (default: ${DEFAULT-VALUE}).",
            defaultValue = "relu")
    String activation;

    @Option(names = "--epochs", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "256", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "0.1", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--optimizer", defaultValue = "sgd",
            description = "sgd, momentum, nesterov, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "Momentum for momentum/nesterov (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--schedule", defaultValue = "constant",
            description = "Learning-rate schedule: constant, cosine or step (×0.1 every third of the run) (default: ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--init", defaultValue = "default",
            description = "default (Uniform 0.07), normal (σ 0.01), xavier, xavier-gaussian, he, orthogonal or constant:<v> (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--l2", defaultValue = "0", description = "λ of the penalty λ/2·Σ‖W‖² added to the loss (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay inside the optimizer (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--dropout", defaultValue = "0", description = "Dropout after each hidden layer (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: JGRAD_NUM_THREADS or the core count).")
    Integer threads;

    @Option(names = "--data", description = "Folder with the Fashion-MNIST IDX files (default: ./data/fashion-mnist, "
            + "then /usr/share/datasets/fashion-mnist, then the embedded sample).")
    Path data;

    @Option(names = "--sample", description = "Use the embedded sample even when the real data set is installed.")
    boolean sample;

    @Option(names = "--save", description = "Write a checkpoint (parameters, optimizer state, epoch) here after every epoch.")
    Path save;

    @Option(names = "--resume", description = "Continue from a checkpoint written by --save.")
    Path resume;

    @Option(names = "--no-progress", description = "No progress bar, only the line per epoch.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        Threads.apply(threads);
        FashionMnist data = sample ? FashionMnist.sample() : FashionMnist.load(data());
        System.out.printf(Locale.ROOT, "data: %s; kernels: %s; threads: %d%n", data.source(), KernelProvider.describe(), Threads.count());
        Sequential net = Mlp.of(FashionMnist.NUM_CLASSES, () -> Activation.byName(activation), dropout, seed + 1, hidden);
        net.initialize(initializer(init), new Rng(seed), false);
        DataLoader train = new DataLoader(data.train(), batchSize, LastBatch.KEEP, new Rng(seed + 2));
        DataLoader test = DataLoader.sequential(data.test(), 1000);
        Trainer.Builder builder = Trainer.builder(net, new SoftmaxCrossEntropyLoss())
                .optimizer(optimizerFactory(train.numBatches())).epochs(epochs).l2(l2)
                .listener(new ProgressListener(System.out, !noProgress && System.console() != null));
        if (save != null) {
            builder.listener(checkpointer(net));
        }
        Trainer trainer = builder.build();
        if (resume != null) {
            restore(trainer, net, train);
        }
        System.out.println(net.summary(1, 784).lines().reduce((a, b) -> a + "\n" + b).orElse(""));
        History h = trainer.fit(train, test);
        EpochResult last = h.last();
        System.out.printf(Locale.ROOT, "final test accuracy %.4f after %d epochs%n", last.testAccuracy(), last.epoch());
        return 0;
    }

    private Path data() {
        return data;
    }

    static Initializer initializer(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.startsWith("constant:")) {
            return new Constant(Double.parseDouble(n.substring("constant:".length())));
        }
        switch (n) {
            case "default": case "uniform": return new Uniform(0.07);
            case "normal": return new Normal(0.01);
            case "xavier": return Xavier.uniform();
            case "xavier-gaussian": return Xavier.gaussian();
            case "he": case "kaiming": case "msra": return MsraPrelu.he();
            case "orthogonal": return new Orthogonal();
            default: throw new IllegalArgumentException("unknown --init '" + name
                    + "': use default, normal, xavier, xavier-gaussian, he, orthogonal or constant:<value>");
        }
    }

    private Function<List<Tensor>, Optimizer> optimizerFactory(int batchesPerEpoch) {
        LrSchedule s;
        int total = epochs * batchesPerEpoch;
        switch (schedule) {
            case "constant": s = LrSchedule.constant(); break;
            case "cosine": s = LrSchedule.cosine(total, 0); break;
            case "step": s = LrSchedule.step(Math.max(1, total / 3), 0.1); break;
            default: throw new IllegalArgumentException("unknown --schedule '" + schedule + "': use constant, cosine or step");
        }
        return params -> {
            Optimizer o;
            switch (optimizer) {
                case "sgd": o = new Sgd(params, lr, 0, false, weightDecay); break;
                case "momentum": o = new Sgd(params, lr, momentum, false, weightDecay); break;
                case "nesterov": o = new Sgd(params, lr, momentum, true, weightDecay); break;
                case "adam": o = new Adam(params, lr, 0.9, 0.999, 1e-8, weightDecay, false); break;
                case "adamw": o = Adam.adamW(params, lr, weightDecay); break;
                default: throw new IllegalArgumentException("unknown --optimizer '" + optimizer
                        + "': use sgd, momentum, nesterov, adam or adamw");
            }
            return o.schedule(s);
        };
    }

    private TrainingListener checkpointer(Sequential net) {
        return new TrainingListener() {
            private org.jgrad.train.TrainingContext ctx;

            @Override
            public void onTrainStart(org.jgrad.train.TrainingContext context) {
                this.ctx = context;
            }

            @Override
            public void onEpochEnd(EpochResult r) {
                try {
                    Map<String, Tensor> params = new LinkedHashMap<>();
                    Map<String, Tensor> state = new LinkedHashMap<>();
                    List<Map.Entry<String, Parameter>> entries = List.copyOf(net.namedParameters().entrySet());
                    for (int i = 0; i < entries.size(); i++) {
                        params.put(entries.get(i).getKey(), entries.get(i).getValue().data());
                        for (Map.Entry<String, Tensor> e : ctx.optimizer().state(i).entrySet()) {
                            state.put(entries.get(i).getKey() + "." + e.getKey(), e.getValue());
                        }
                    }
                    Map<String, String> scalars = new LinkedHashMap<>();
                    scalars.put("epoch", Integer.toString(r.epoch()));
                    scalars.put("step", Integer.toString(ctx.optimizer().stepCount()));
                    scalars.put("optimizer", optimizer);
                    scalars.put("hidden", java.util.Arrays.toString(hidden));
                    scalars.put("seed", Long.toString(seed));
                    TrainingCheckpoint.save(save, params, state, scalars);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("could not write the checkpoint " + save, e);
                }
            }
        };
    }

    private void restore(Trainer trainer, Sequential net, DataLoader train) throws java.io.IOException {
        TrainingCheckpoint c = TrainingCheckpoint.load(resume);
        Optimizer o = trainer.prepare(train.firstBatch());
        List<Map.Entry<String, Parameter>> entries = List.copyOf(net.namedParameters().entrySet());
        for (int i = 0; i < entries.size(); i++) {
            String name = entries.get(i).getKey();
            Tensor values = c.parameters().get(name);
            if (values == null) {
                throw new IllegalArgumentException(resume + ": the checkpoint has no parameter '" + name
                        + "'; was it written for another --hidden?");
            }
            entries.get(i).getValue().set(values);
            Map<String, Tensor> own = new LinkedHashMap<>();
            for (String key : o.state(i).keySet()) {
                Tensor saved = c.optimizerState().get(name + "." + key);
                if (saved != null) {
                    own.put(key, saved);
                }
            }
            o.loadState(i, own);
        }
        int epoch = Integer.parseInt(c.scalar("epoch"));
        int step = Integer.parseInt(c.scalar("step"));
        o.setStepCount(step);
        trainer.resumeAt(epoch + 1, step);
        train.skipEpochs(epoch); // the same shuffles as an uninterrupted run from here on
        System.out.printf(Locale.ROOT, "resumed from %s after epoch %d%n", resume, epoch);
    }
}
