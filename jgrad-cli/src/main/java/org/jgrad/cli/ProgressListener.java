package org.jgrad.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jgrad.train.EpochResult;
import org.jgrad.train.StepInfo;
import org.jgrad.train.TrainingListener;

/**
 * A terminal progress bar per epoch (batches done, loss, samples/s, ETA; drawn by the progressbar
 * library on stderr) and one result line per epoch on stdout.
 */
final class ProgressListener implements TrainingListener {
    private final PrintStream out;
    private final boolean bar;
    private ProgressBar progress;

    ProgressListener(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    @Override
    public void onEpochStart(int epoch, int epochs) {
        if (bar) {
            progress = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(0).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .continuousUpdate().build();
        }
    }

    @Override
    public void afterStep(StepInfo s) {
        if (progress != null) {
            progress.maxHint(s.batchesPerEpoch());
            progress.stepTo(s.batch());
            progress.setExtraMessage(String.format(Locale.ROOT, "loss %.4f  %.0f samples/s", s.loss(), s.samplesPerSecond()));
        }
    }

    @Override
    public void onEpochEnd(EpochResult r) {
        if (progress != null) {
            progress.close();
            progress = null;
        }
        out.println(r.line());
        out.flush();
    }
}
