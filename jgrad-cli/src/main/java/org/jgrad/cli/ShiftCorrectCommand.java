package org.jgrad.cli;

import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jgrad.io.AtomicFiles;
import org.jgrad.shift.DomainClassifier;
import org.jgrad.shift.DomainScores;
import org.jgrad.shift.ImportanceWeights;
import org.jgrad.shift.ShiftDetector;
import org.jgrad.shift.ShiftTestResult;
import org.jgrad.shift.WeightOptions;
import org.jgrad.tensor.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jgrad shift correct}: the test, then importance weights β(x) for every source example, written as CSV. */
@Command(name = "correct", mixinStandardHelpOptions = true,
        description = "Estimate importance weights β(x) = p_target(x)/p_source(x) for every source example from a domain "
                + "classifier's held-out predictions, print the test and the weights' summary, and write one weight per "
                + "source example to a CSV file (columns index,weight).")
final class ShiftCorrectCommand implements Callable<Integer> {
    @Mixin
    ShiftInputOptions input;

    @Option(names = "--out", required = true, description = "The CSV file to write the weights to.")
    Path out;

    @Option(names = "--folds", defaultValue = "5", description = "Folds of the cross-fit that scores every source example (default: ${DEFAULT-VALUE}).")
    int folds;

    @Option(names = "--l2", split = ",", defaultValue = "0.01,0.1,1",
            description = "L2 λ of the domain classifier; with several, the one with the lowest held-out log-loss is used (default: ${DEFAULT-VALUE}).")
    double[] l2;

    @Option(names = "--max-weight", defaultValue = "10", description = "Clip β at this value before normalizing (default: ${DEFAULT-VALUE}; 'Infinity' for none).")
    double maxWeight;

    @Option(names = "--no-normalize", description = "Keep β's own scale instead of rescaling the weights to mean 1.")
    boolean noNormalize;

    @Option(names = "--permutations", defaultValue = "200", description = "Permutations of the two-sample test (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level of the verdict (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Override
    public Integer call() throws Exception {
        return ShiftCommand.reportingInputErrors(this::correct);
    }

    private int correct() throws Exception {
        Threads.apply(input.threads);
        PrintStream console = System.out;
        FeatureTable source = input.readSource();
        FeatureTable target = input.readTarget();
        console.println("source   " + source);
        console.println("target   " + target);
        var sourceData = source.toDataset();
        var targetData = target.toDataset();

        ShiftTestResult test = new ShiftDetector(input.domainClassifier(2, l2[0]), permutations, alpha)
                .test(sourceData, targetData, new Rng(input.seed ^ 0x5EEDL));
        ShiftCommand.printTest(console, test);

        DomainClassifier classifier = input.domainClassifier(folds, l2[0]);
        if (l2.length > 1) {
            classifier = classifier.withL2ChosenFrom(sourceData, targetData, l2);
        }
        DomainScores scores = classifier.crossFit(sourceData, targetData);
        console.printf(Locale.ROOT, "weights  from %s; held-out log-loss %.4f%n", classifier, scores.heldOutLogLoss());
        ImportanceWeights w = ImportanceWeights.from(scores, new WeightOptions(maxWeight, !noNormalize));
        console.println("         " + w.summary());
        write(out, w);
        console.println("wrote    " + out + " (" + w.size() + " weights, one per source example, in source order)");
        return 0;
    }

    private static void write(Path file, ImportanceWeights w) throws java.io.IOException {
        double[] values = w.values();
        AtomicFiles.write(file, stream -> {
            Writer writer = new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8);
            writer.write("index,weight\n");
            for (int i = 0; i < values.length; i++) {
                writer.write(i + "," + String.format(Locale.ROOT, "%.6g", values[i]) + "\n");
            }
            writer.flush();
        });
    }
}
