package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.autograd.Autograd;
import org.jgrad.data.ArrayDataset;
import org.jgrad.data.DataLoader;
import org.jgrad.data.FashionMnist;
import org.jgrad.data.LastBatch;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Tensor;
import org.jgrad.train.EpochResult;
import org.jgrad.train.History;
import org.jgrad.train.Trainer;

/** Section 9: the chapter's MLP trained on Fashion-MNIST: curves, accuracy, throughput, confusions, mistakes. */
final class TrainingSection implements TourSection {
    @Override
    public String id() {
        return "training";
    }

    @Override
    public String title() {
        return "9. Training the chapter's MLP on Fashion-MNIST";
    }

    @Override
    public ReportSection run(TourContext ctx) {
        ReportSection s = new ReportSection(id(), title());
        int epochs = ctx.quick() ? 5 : 10;
        s.text(String.format(Locale.ROOT, "The chapter's network as Gluon builds it — Flatten, Dense(256, ReLU), Dense(10) —"
                + " with MXNet's default initialization (Uniform(−0.07, 0.07) weights, zero biases), softmax cross-entropy,"
                + " SGD with learning rate 0.1 and batches of 256, for %d epochs on %s.", epochs, ctx.data.source()));
        Sequential net = Mlp.of(10, Activation::relu, 256);
        net.initialize(new org.jgrad.init.Uniform(0.07), ctx.rng(id()), false);
        SoftmaxCrossEntropyLoss loss = new SoftmaxCrossEntropyLoss();
        DataLoader test = DataLoader.sequential(ctx.data.test(), 1000);
        History h = Trainer.builder(net, loss).optimizer(p -> new Sgd(p, 0.1)).epochs(epochs).build()
                .fit(new DataLoader(ctx.data.train(), 256, LastBatch.KEEP, ctx.rng(id() + "-data")), test);
        double[] e = new double[epochs];
        double[] trainLoss = new double[epochs];
        double[] testLoss = new double[epochs];
        double[] trainAcc = new double[epochs];
        double[] testAcc = new double[epochs];
        double[] speed = new double[epochs];
        for (int i = 0; i < epochs; i++) {
            EpochResult r = h.epochs().get(i);
            e[i] = r.epoch();
            trainLoss[i] = r.trainLoss();
            testLoss[i] = r.testLoss();
            trainAcc[i] = r.trainAccuracy();
            testAcc[i] = r.testAccuracy();
            speed[i] = r.samplesPerSecond();
        }
        EpochResult last = h.last();
        s.figure(Charts.figure("training-loss", "Mean training loss over each epoch's batches and loss on the test set after"
                + " each epoch. Both fall quickly and then flatten; a widening gap would mean overfitting.",
                Charts.xy("Loss per epoch", "epoch", "softmax cross-entropy", false,
                        List.of(Charts.Series.line("training", e, trainLoss), Charts.Series.line("test", e, testLoss)))));
        s.figure(Charts.figure("training-accuracy", String.format(Locale.ROOT, "Accuracy per epoch: on the training batches as"
                + " they were seen, and on the test set. Final test accuracy: %.4f.", last.testAccuracy()),
                Charts.xy("Accuracy per epoch", "epoch", "accuracy", false,
                        List.of(Charts.Series.line("training", e, trainAcc), Charts.Series.line("test", e, testAcc)))));
        List<List<String>> rows = new ArrayList<>();
        for (EpochResult r : h.epochs()) {
            rows.add(List.of(Integer.toString(r.epoch()), Fmt.num(r.trainLoss()), Fmt.pct(r.trainAccuracy()), Fmt.pct(r.testAccuracy()),
                    String.format(Locale.ROOT, "%,.0f", r.samplesPerSecond())));
        }
        s.table(List.of("epoch", "training loss", "training accuracy", "test accuracy", "samples/s"), rows);

        // confusions and mistakes on the test set
        ArrayDataset testSet = ctx.data.test();
        int n = testSet.size();
        int[] predicted = new int[n];
        try (var scope = Autograd.pause()) {
            net.eval();
            for (int start = 0; start < n; start += 1000) {
                int[] idx = java.util.stream.IntStream.range(start, Math.min(n, start + 1000)).toArray();
                Tensor p = net.forward(testSet.features(idx)).argmax(1);
                for (int i = 0; i < idx.length; i++) {
                    predicted[idx[i]] = (int) p.storage().get(i);
                }
            }
        }
        int[][] confusion = new int[10][10];
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            confusion[testSet.label(i)][predicted[i]]++;
            if (predicted[i] != testSet.label(i) && wrong.size() < 16) {
                wrong.add(i);
            }
        }
        List<String> names = new ArrayList<>(FashionMnist.CLASS_NAMES);
        s.figure(Charts.figure("confusion-matrix", "Test-set confusion matrix: row = true class, column = predicted class,"
                + " each cell the number of images. The diagonal holds the correct answers; the largest off-diagonal cells"
                + " are the classes the network mixes up (shirts, T-shirts, pullovers and coats look alike at 28×28).",
                Charts.heatmap("Confusion matrix on the test set", "predicted class", "true class", names, names, confusion)));
        s.figure(Images.grid("misclassified", "Misclassified test images", "The first 16 test images the network gets"
                + " wrong, each with its true class and (in red) the network's answer.", testSet, wrong, predicted));
        s.text(String.format(Locale.ROOT, "Final test accuracy %.4f after %d epochs; training ran at %,.0f samples/s in the last"
                + " epoch (%s).", last.testAccuracy(), epochs, last.samplesPerSecond(), org.jgrad.tensor.kernel.KernelProvider.describe()));
        s.number("epochs", epochs).number("final_test_accuracy", last.testAccuracy()).number("final_train_loss", last.trainLoss())
                .number("test_accuracy", testAcc).number("train_loss", trainLoss).number("samples_per_second", speed)
                .number("confusion_matrix", confusion);
        return s;
    }
}
