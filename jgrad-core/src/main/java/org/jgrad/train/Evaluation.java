package org.jgrad.train;

import org.jgrad.autograd.Autograd;
import org.jgrad.data.Batch;
import org.jgrad.loss.Loss;
import org.jgrad.nn.Module;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/** Loss and accuracy of a classifier over a data set, in evaluation mode, without recording. */
public final class Evaluation {
    private Evaluation() {
    }

    /** Mean loss and accuracy over every batch. */
    public record Result(double loss, double accuracy, long examples) {
    }

    public static Result of(Module model, Loss loss, Iterable<Batch> batches) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0;
        long correct = 0;
        long n = 0;
        try (var scope = Autograd.pause()) {
            for (Batch b : batches) {
                Tensor out = model.forward(b.features());
                lossSum += loss.perExample(out, b.labels()).sum().item();
                correct += correct(out, b.labels());
                n += b.size();
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return new Result(n == 0 ? Double.NaN : lossSum / n, n == 0 ? Double.NaN : (double) correct / n, n);
    }

    /** How many rows of logits (batch, classes) have their largest value at the label. */
    public static long correct(Tensor logits, Tensor labels) {
        Tensor predicted = logits.argmax(1);
        Storage p = predicted.storage();
        Storage y = labels.storage();
        long c = 0;
        for (int i = 0; i < p.length(); i++) {
            if (p.get(i) == y.get(i)) {
                c++;
            }
        }
        return c;
    }
}
