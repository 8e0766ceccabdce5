package org.jgrad.bench;

import org.jgrad.init.Xavier;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Tensor;

/** The models and tiny example that `jgrad bench` and the JMH benchmarks both measure. */
public final class BenchModels {
    private BenchModels() {
    }

    /** The chapter's 784-256-10 ReLU MLP, Xavier-initialized (input size deferred). */
    public static Sequential chapterMlp(long seed) {
        Sequential net = Mlp.of(10, Activation::relu, 256);
        net.initialize(Xavier.uniform(), seed);
        return net;
    }

    /** The 4-8-1 MLP of the per-step overhead figure. */
    public static Sequential tinyMlp(long seed) {
        Sequential net = new Sequential(new Linear(8, 4), Activation.relu(), new Linear(1, 8));
        net.initialize(Xavier.uniform(), seed);
        return net;
    }

    /** Its one example, (1, 4). */
    public static Tensor tinyInput() {
        return Tensor.of(new float[] {0.1f, -0.2f, 0.3f, 0.4f}, 1, 4);
    }

    /** Its target, (1, 1). */
    public static Tensor tinyTarget() {
        return Tensor.of(new float[] {0.5f}, 1, 1);
    }
}
