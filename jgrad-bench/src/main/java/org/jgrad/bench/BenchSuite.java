package org.jgrad.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jgrad.autograd.Autograd;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.Batch;
import org.jgrad.data.DataLoader;
import org.jgrad.data.LastBatch;
import org.jgrad.diagnostics.HealthMonitor;
import org.jgrad.loss.MseLoss;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.KernelProvider;
import org.jgrad.tensor.kernel.Kernels;
import org.jgrad.tensor.kernel.Parallel;
import org.jgrad.tensor.kernel.Storage;
import org.jgrad.tensor.kernel.UnaryOp;
import org.jgrad.train.EpochResult;
import org.jgrad.train.Trainer;

/**
 * The measurements of {@code jgrad bench}: GEMM GFLOP/s, element-wise GB/s, training-step
 * throughput of the chapter's MLP, the per-step overhead of a tiny MLP, and the cost of leaving the
 * health monitor on. Each is a median after warm-up; the figures are meant to be compared as ratios
 * against peers measured in the same run (see bench/compare.py).
 */
public final class BenchSuite {
    /** One measured figure. */
    public record Row(String group, String name, double value, String unit, double min, double max) {
    }

    private final double warmup;
    private final int rounds;
    private final double roundSeconds;
    private final List<Row> rows = new ArrayList<>();

    /** quick: shorter warm-up and rounds (for a smoke run); otherwise about two minutes in all. */
    public BenchSuite(boolean quick) {
        this.warmup = quick ? 0.3 : 1.5;
        this.rounds = quick ? 3 : 7;
        this.roundSeconds = quick ? 0.1 : 0.4;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Every group, in order. */
    public void runAll() {
        gemm();
        elementwise();
        training();
        tinyStep();
    }

    /** GEMM float32 at square sizes and at the MLP's shapes (C = A·B, row-major, no transposes). */
    public void gemm() {
        Kernels k = KernelProvider.get();
        int[][] shapes = {{256, 256, 256}, {512, 512, 512}, {1024, 1024, 1024}, {2048, 2048, 2048},
            {256, 256, 784}, {784, 256, 256}, {256, 10, 256}};
        String[] names = {"256³", "512³", "1024³", "2048³", "256×784·784×256", "784×256·256×256", "256×256·256×10"};
        Rng rng = new Rng(1);
        for (int i = 0; i < shapes.length; i++) {
            int m = shapes[i][0];
            int n = shapes[i][1];
            int kk = shapes[i][2];
            Storage a = Tensor.randomUniform(rng, -1, 1, m, kk).storage();
            Storage b = Tensor.randomUniform(rng, -1, 1, kk, n).storage();
            Storage c = Storage.allocate(DType.FLOAT32, m * n);
            Measure.Result r = Measure.time(() -> k.gemm(false, false, m, n, kk, a, 0, kk, b, 0, n, 0, c, 0, n),
                    warmup, rounds, roundSeconds);
            double flops = 2.0 * m * n * kk;
            rows.add(new Row("gemm", names[i], flops / r.median() / 1e9, "GFLOP/s", flops / r.max() / 1e9, flops / r.min() / 1e9));
        }
    }

    /** relu and add over 16M floats; bytes counted as read + written. */
    public void elementwise() {
        Kernels k = KernelProvider.get();
        int n = 1 << 24;
        Storage x = Tensor.randomUniform(new Rng(2), -1, 1, n).storage();
        Storage y = Tensor.randomUniform(new Rng(3), -1, 1, n).storage();
        Storage out = Storage.allocate(DType.FLOAT32, n);
        int[] shape = {n};
        Measure.Result relu = Measure.time(() -> k.unary(UnaryOp.RELU, x, out), warmup, rounds, roundSeconds);
        Measure.Result add = Measure.time(() -> k.binary(BinaryOp.ADD, x, shape, y, shape, out, shape), warmup, rounds, roundSeconds);
        double reluBytes = 2.0 * 4 * n;
        double addBytes = 3.0 * 4 * n;
        rows.add(new Row("elementwise", "relu 16M floats", reluBytes / relu.median() / 1e9, "GB/s", reluBytes / relu.max() / 1e9, reluBytes / relu.min() / 1e9));
        rows.add(new Row("elementwise", "add 16M floats", addBytes / add.median() / 1e9, "GB/s", addBytes / add.max() / 1e9, addBytes / add.min() / 1e9));
    }

    /**
     * Training of the chapter's MLP (784-256-10, ReLU, softmax cross-entropy, SGD 0.1, batch 256)
     * on Fashion-MNIST-shaped random data, measured two ways:
     * <ul>
     *   <li>the step alone, as bench/peers.py times PyTorch's: forward, loss, backward and SGD step
     *       on 40 batches made beforehand and taken in turn (PyTorch slices them without copying);
     *   <li>whole epochs through the Trainer, with a shuffling DataLoader gathering every batch.
     *       A second, identical model trains with the health monitor on; the two alternate epoch by
     *       epoch (A B A B), so their ratio comes from the same moments of a noisy machine. Also GC
     *       time per 60,000 samples.
     * </ul>
     */
    public void training() {
        int batches = 40;
        int n = 256 * batches;
        Rng rng = new Rng(4);
        float[] features = new float[n * 784];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) rng.nextDouble();
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        ArrayDataset data = ArrayDataset.of(features, new int[] {784}, labels, 10);
        Step stepper = new Step(data, batches);
        Measure.Result step = Measure.time(stepper, warmup * 2, rounds, roundSeconds);
        rows.add(new Row("training", "chapter MLP step, batch 256", 256 / step.median(), "samples/s", 256 / step.max(),
                256 / step.min()));
        if (Parallel.threads() > 1) {
            threadScaling(stepper);
        }

        Run plain = new Run(data, false);
        Run monitored = new Run(data, true);
        int epochs = warmup < 1 ? 6 : 16;
        List<Double> plainSpeed = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        long gcMillis = 0;
        double gcSamples = 0;
        for (int e = 0; e < epochs; e++) {
            EpochResult a = plain.epoch();
            EpochResult b = monitored.epoch();
            if (e >= 2) { // the first epochs are warm-up
                plainSpeed.add(a.samplesPerSecond());
                ratios.add(b.samplesPerSecond() / a.samplesPerSecond());
                gcMillis += a.gcMillis();
                gcSamples += a.trainSeconds() * a.samplesPerSecond();
            }
        }
        double speed = median(plainSpeed);
        double ratio = median(ratios);
        rows.add(new Row("training", "Trainer epochs, shuffled batches", speed, "samples/s", min(plainSpeed),
                max(plainSpeed)));
        rows.add(new Row("training", "same, health monitor on", speed * ratio, "samples/s", Double.NaN, Double.NaN));
        rows.add(new Row("training", "monitor slowdown", 100 * (1 - ratio), "%", Double.NaN, Double.NaN));
        rows.add(new Row("training", "GC time per epoch of 60,000", gcSamples == 0 ? 0 : gcMillis * 60_000.0 / gcSamples, "ms",
                Double.NaN, Double.NaN));
    }

    /**
     * The step on all threads against the same step on one, in the same process: rounds alternate
     * between the two pool sizes, and the figure is the median of the per-pair ratios, so a slow
     * spell of a shared machine hits both sides of a pair alike.
     */
    private void threadScaling(Step stepper) {
        int threads = Parallel.threads();
        // many short pairs: on this shared machine single pairs ranged 0.8–2.3× in one run, and
        // with 15 pairs the median still moved 1.3–1.7× from run to run
        int pairs = 6 * rounds + 1;
        List<Double> ratios = new ArrayList<>();
        try {
            for (int p = 0; p < pairs; p++) {
                Parallel.setThreads(1);
                double one = Measure.time(stepper, 0.05, 1, roundSeconds / 4).median();
                Parallel.setThreads(threads);
                double all = Measure.time(stepper, 0.05, 1, roundSeconds / 4).median();
                ratios.add(one / all);
            }
        } finally {
            Parallel.setThreads(threads);
        }
        rows.add(new Row("training", "step speed-up, " + threads + " vs 1 thread", median(ratios), "×",
                min(ratios), max(ratios)));
    }

    /** One training step per call, on pre-made batches taken in turn (see {@link #training}). */
    private static final class Step implements Runnable {
        private final Sequential net = BenchModels.chapterMlp(5);
        private final SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss();
        private final Batch[] batches;
        private final Sgd sgd;
        private int next;

        Step(ArrayDataset data, int count) {
            batches = new Batch[count];
            DataLoader loader = new DataLoader(data, 256, LastBatch.DISCARD, null);
            int i = 0;
            for (Batch b : loader) {
                batches[i++] = b;
            }
            try (var scope = Autograd.pause()) {
                net.forward(batches[0].features()); // creates the deferred parameters
            }
            sgd = new Sgd(net.parameterTensors(), 0.1);
        }

        @Override
        public void run() {
            Batch b = batches[next];
            next = (next + 1) % batches.length;
            Tensor l;
            try (var scope = Autograd.record()) {
                l = loss.mean(net.forward(b.features()), b.labels());
            }
            l.backward();
            sgd.step();
        }
    }

    /** One model training epoch by epoch, so two can be interleaved. */
    private static final class Run {
        private final Trainer trainer;
        private final DataLoader loader;

        Run(ArrayDataset data, boolean monitor) {
            Sequential net = BenchModels.chapterMlp(5);
            loader = new DataLoader(data, 256, LastBatch.DISCARD, new Rng(6));
            Trainer.Builder b = Trainer.builder(net, new SoftmaxCrossEntropyLoss()).optimizer(p -> new Sgd(p, 0.1)).epochs(1);
            if (monitor) {
                b.listener(new HealthMonitor(1, 1e3, 1e-7, w -> { }));
            }
            trainer = b.build();
        }

        EpochResult epoch() {
            return trainer.fit(loader, null).last();
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Forward + backward + SGD step of a 4-8-1 MLP on one example: the per-op overhead floor. */
    public void tinyStep() {
        Sequential net = BenchModels.tinyMlp(7);
        Sgd sgd = new Sgd(net.parameterTensors(), 0.01);
        Tensor x = BenchModels.tinyInput();
        Tensor y = BenchModels.tinyTarget();
        MseLoss loss = new MseLoss();
        Runnable step = () -> {
            Tensor l;
            try (var scope = Autograd.record()) {
                l = loss.mean(net.forward(x), y);
            }
            l.backward();
            sgd.step();
        };
        Measure.Result r = Measure.time(step, warmup * 2, rounds, roundSeconds);
        rows.add(new Row("tiny", "4-8-1 MLP step, batch 1", r.median() * 1e6, "µs", r.min() * 1e6, r.max() * 1e6));
    }

    /** The runtime the figures were measured on. */
    public static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", Runtime.version().toString());
        env.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vendor"));
        env.put("threads", Parallel.threads());
        env.put("kernels", KernelProvider.describe());
        env.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", ")));
        env.put("jvm flags", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:")).collect(Collectors.joining(" ")));
        env.put("date", java.time.LocalDate.now().toString());
        return env;
    }

    /** A table for the terminal. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> env = environment();
        sb.append(String.format(Locale.ROOT, "jgrad bench — Java %s, %s threads, kernels %s%n", env.get("java"), env.get("threads"),
                env.get("kernels")));
        sb.append(String.format(Locale.ROOT, "  GC %s; JVM flags: %s%n", env.get("gc"),
                env.get("jvm flags").toString().isEmpty() ? "none" : env.get("jvm flags")));
        String group = "";
        for (Row r : rows) {
            if (!r.group().equals(group)) {
                group = r.group();
                sb.append(String.format(Locale.ROOT, "%n[%s]%n", group));
            }
            String digits = r.unit().equals("×") ? "2" : "1";
            String range = Double.isNaN(r.min()) ? ""
                    : String.format(Locale.ROOT, "  (%." + digits + "f–%." + digits + "f)", r.min(), r.max());
            sb.append(String.format(Locale.ROOT, "  %-34s %12." + digits + "f %-10s%s%n", r.name(), r.value(), r.unit(), range));
        }
        return sb.toString();
    }
}
