package org.jgrad.shift.experiment;

import org.jgrad.data.ArrayDataset;
import org.jgrad.data.DataLoader;
import org.jgrad.data.LastBatch;
import org.jgrad.init.Xavier;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Adam;
import org.jgrad.tensor.Rng;
import org.jgrad.train.Evaluation;
import org.jgrad.train.Trainer;

/** The experiments' classifiers: a ReLU MLP (no hidden layer: a linear model) fitted by the Trainer with Adam. */
final class Classifiers {
    private Classifiers() {
    }

    /** A model trained on {@code data}, using its example weights if it has any; seeded init and batch order. */
    static Sequential train(ArrayDataset data, int[] hidden, int epochs, int batchSize, double learningRate, long seed) {
        Sequential net = Mlp.of(data.numClasses(), Activation::relu, hidden);
        net.initialize(Xavier.uniform(), new Rng(seed), false);
        DataLoader loader = new DataLoader(data, batchSize, LastBatch.KEEP, new Rng(seed + 1));
        Trainer.builder(net, new SoftmaxCrossEntropyLoss())
                .optimizer(p -> new Adam(p, learningRate))
                .epochs(epochs)
                .build()
                .fit(loader, null);
        return net;
    }

    /** Unweighted mean cross-entropy (the risk) and accuracy on {@code data}. */
    static Evaluation.Result evaluate(Sequential model, ArrayDataset data) {
        return Evaluation.of(model, new SoftmaxCrossEntropyLoss(), DataLoader.sequential(data, 1000));
    }
}
