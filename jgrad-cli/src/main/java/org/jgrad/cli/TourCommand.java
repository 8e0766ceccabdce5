package org.jgrad.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jgrad.tour.Tour;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jgrad tour}: every experiment of the chapter, written up as an illustrated report. */
@Command(name = "tour", mixinStandardHelpOptions = true,
        description = "Run every experiment of the chapter and write DIR/report.html, the figures (SVG and PNG) and DIR/summary.json.")
final class TourCommand implements Callable<Integer> {
    @Option(names = "--out", defaultValue = "tour-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "The embedded Fashion-MNIST sample and fewer epochs: about a minute.")
    boolean quick;

    @Option(names = "--data", description = "Folder with the Fashion-MNIST IDX files (default: ./data/fashion-mnist, "
            + "then /usr/share/datasets/fashion-mnist, then the embedded sample).")
    Path data;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: JGRAD_NUM_THREADS or the core count).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        Tour.Result r = Tour.run(new Tour.Options(out, quick, data, seed, threads, System.console() != null));
        for (Map.Entry<String, Double> e : r.secondsBySection().entrySet()) {
            System.out.printf(Locale.ROOT, "  %-16s %6.1f s%n", e.getKey(), e.getValue());
        }
        System.out.printf(Locale.ROOT, "tour done in %.0f s (data: %s)%nreport: %s%nsummary: %s%n", r.totalSeconds(),
                r.dataSource(), r.report().toAbsolutePath(), r.summary().toAbsolutePath());
        return 0;
    }
}
