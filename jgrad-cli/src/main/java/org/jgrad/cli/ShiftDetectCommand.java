package org.jgrad.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.jgrad.shift.DomainClassifier;
import org.jgrad.shift.ShiftDetector;
import org.jgrad.shift.ShiftTestResult;
import org.jgrad.tensor.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jgrad shift detect}: the classifier two-sample test, AUC and permutation p-value. */
@Command(name = "detect", mixinStandardHelpOptions = true,
        description = "Test whether source and target come from the same distribution: a domain classifier is trained on "
                + "one part and scored on the other; its held-out AUC gets a permutation p-value.")
final class ShiftDetectCommand implements Callable<Integer> {
    @Mixin
    ShiftInputOptions input;

    @Option(names = "--folds", defaultValue = "2", description = "Folds; the test scores fold 0 (default: ${DEFAULT-VALUE}, a half-and-half split).")
    int folds;

    @Option(names = "--l2", defaultValue = "0.01", description = "L2 λ of the domain classifier (default: ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--permutations", defaultValue = "200", description = "Permutations for the p-value (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level of the verdict (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Override
    public Integer call() throws Exception {
        return ShiftCommand.reportingInputErrors(this::detect);
    }

    private int detect() throws Exception {
        Threads.apply(input.threads);
        PrintStream out = System.out;
        FeatureTable source = input.readSource();
        FeatureTable target = input.readTarget();
        out.println("source   " + source);
        out.println("target   " + target);
        DomainClassifier classifier = input.domainClassifier(folds, l2);
        out.println("domain classifier: " + classifier);
        Rng rng = new Rng(input.seed ^ 0x5EEDL);
        ShiftTestResult r = new ShiftDetector(classifier, permutations, alpha).test(source.toDataset(), target.toDataset(), rng);
        ShiftCommand.printTest(out, r);
        return 0;
    }
}
