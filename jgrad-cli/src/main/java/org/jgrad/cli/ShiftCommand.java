package org.jgrad.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jgrad.shift.ShiftTestResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code jgrad shift}: is the target distributed like the source, and how to weight the source for it. */
@Command(name = "shift", mixinStandardHelpOptions = true,
        description = "Distribution shift between a source and a target data set: detect it with a classifier two-sample "
                + "test, or correct covariate shift with importance weights.",
        subcommands = {ShiftDetectCommand.class, ShiftCorrectCommand.class})
final class ShiftCommand implements Runnable {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Runs a command body; a problem with the input (bad file, bad option value) is one line on stderr and exit code 2. */
    static int reportingInputErrors(Callable<Integer> body) throws Exception {
        try {
            return body.call();
        } catch (IllegalArgumentException | java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("jgrad shift: " + e.getMessage());
            return 2;
        }
    }

    /** The lines both commands print about the two-sample test. */
    static void printTest(PrintStream out, ShiftTestResult r) {
        int heldOut = 0;
        for (int f : r.scores().sourceFolds()) {
            heldOut += f == 0 ? 1 : 0;
        }
        for (int f : r.scores().targetFolds()) {
            heldOut += f == 0 ? 1 : 0;
        }
        out.printf(Locale.ROOT, "AUC      %.4f  (domain classifier on %d held-out examples; 0.5 = cannot tell them apart)%n",
                r.auc(), heldOut);
        out.printf(Locale.ROOT, "p-value  %.4f  (%d permutations; the smallest possible is %.4f)%n", r.pValue(), r.permutations(),
                1.0 / (1 + r.permutations()));
        out.printf(Locale.ROOT, "verdict  %s at α = %s%n", r.shiftDetected() ? "SHIFT DETECTED" : "no shift detected", r.alpha());
    }
}
