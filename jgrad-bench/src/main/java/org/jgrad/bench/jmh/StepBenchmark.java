package org.jgrad.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.jgrad.autograd.Autograd;
import org.jgrad.bench.BenchModels;
import org.jgrad.loss.MseLoss;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training steps (forward, backward, SGD): the chapter's 784-256-10 MLP on a batch of 256
 * (samples/s = 256 / time), and the 4-8-1 MLP on one example (the per-op overhead floor).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:-UseCountedLoopSafepoints"})
public class StepBenchmark {
    private Sequential chapter;
    private Sgd chapterSgd;
    private Tensor x;
    private Tensor y;
    private Sequential tiny;
    private Sgd tinySgd;
    private Tensor tx;
    private Tensor ty;

    @Setup
    public void setup() {
        Rng rng = new Rng(1);
        chapter = BenchModels.chapterMlp(2);
        x = Tensor.randomUniform(rng, 0, 1, 256, 784);
        float[] labels = new float[256];
        for (int i = 0; i < 256; i++) {
            labels[i] = rng.nextInt(10);
        }
        y = Tensor.of(labels);
        chapter.forward(x.slice(0, 0, 1));
        chapterSgd = new Sgd(chapter.parameterTensors(), 0.1);
        tiny = BenchModels.tinyMlp(3);
        tinySgd = new Sgd(tiny.parameterTensors(), 0.01);
        tx = BenchModels.tinyInput();
        ty = BenchModels.tinyTarget();
    }

    @Benchmark
    public Tensor chapterMlpBatch256() {
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = new SoftmaxCrossEntropyLoss().mean(chapter.forward(x), y);
        }
        loss.backward();
        chapterSgd.step();
        return loss;
    }

    @Benchmark
    public Tensor tinyMlpBatch1() {
        Tensor loss;
        try (var scope = Autograd.record()) {
            loss = new MseLoss().mean(tiny.forward(tx), ty);
        }
        loss.backward();
        tinySgd.step();
        return loss;
    }
}
