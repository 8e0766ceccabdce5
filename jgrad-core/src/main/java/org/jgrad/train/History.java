package org.jgrad.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Per-epoch results of a run, kept as data for plots, reports and tests. */
public final class History {
    private final List<EpochResult> epochs = new ArrayList<>();

    void add(EpochResult r) {
        epochs.add(r);
    }

    public List<EpochResult> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch's result; an error before the first epoch ends. */
    public EpochResult last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("History: no epoch has finished yet");
        }
        return epochs.get(epochs.size() - 1);
    }

    /** The history as CSV with a header row. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch,train_loss,train_acc,test_loss,test_acc,samples_per_s,train_s,gc_ms\n");
        for (EpochResult r : epochs) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.1f,%.3f,%d%n", r.epoch(), r.trainLoss(),
                    r.trainAccuracy(), r.testLoss(), r.testAccuracy(), r.samplesPerSecond(), r.trainSeconds(), r.gcMillis()));
        }
        return sb.toString();
    }
}
