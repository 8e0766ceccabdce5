package org.jgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.jgrad.shift.DomainClassifier;
import picocli.CommandLine.Option;

/** The options both {@code jgrad shift} commands share: the two data sets and the domain classifier. */
final class ShiftInputOptions {
    @Option(names = "--source", required = true,
            description = "Source (training) examples: a CSV file (*.csv), an IDX images file, or a folder with one IDX images file.")
    Path source;

    @Option(names = "--target", required = true, description = "Target (deployment) examples, in the same forms as --source.")
    Path target;

    @Option(names = "--label-column",
            description = "CSV only: a column (header name, or index from 0) to leave out of the features, e.g. the label.")
    String labelColumn;

    @Option(names = "--classifier", defaultValue = "logistic",
            description = "Domain classifier: logistic or mlp (default: ${DEFAULT-VALUE}).")
    String classifier;

    @Option(names = "--hidden", split = ",", defaultValue = "32",
            description = "Hidden layer sizes of the mlp classifier (default: ${DEFAULT-VALUE}).")
    int[] hidden;

    @Option(names = "--epochs", description = "Full-batch Adam steps of the domain classifier (default: 100 logistic, 300 mlp).")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: JGRAD_NUM_THREADS or the core count).")
    Integer threads;

    FeatureTable readSource() throws IOException {
        return FeatureTable.read(source, labelColumn);
    }

    FeatureTable readTarget() throws IOException {
        return FeatureTable.read(target, labelColumn);
    }

    /** The classifier the options describe, with the given folds and L2 λ. */
    DomainClassifier domainClassifier(int folds, double l2) {
        DomainClassifier c;
        switch (classifier.toLowerCase(Locale.ROOT)) {
            case "logistic": c = DomainClassifier.logistic(); break;
            case "mlp": c = DomainClassifier.mlp(hidden); break;
            default: throw new IllegalArgumentException("unknown --classifier '" + classifier + "': use logistic or mlp");
        }
        c = c.withFolds(folds).withL2(l2).withSeed(seed);
        return epochs == null ? c : c.withEpochs(epochs);
    }
}
