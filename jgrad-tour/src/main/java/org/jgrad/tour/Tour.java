package org.jgrad.tour;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jgrad.data.FashionMnist;
import org.jgrad.io.AtomicFiles;
import org.jgrad.io.JsonExport;
import org.jgrad.tensor.kernel.KernelProvider;
import org.jgrad.tensor.kernel.Parallel;

/**
 * {@code jgrad tour}: runs every experiment of the chapter (forward and backward propagation,
 * memory, exploding and vanishing gradients, symmetry, initialization, distribution shift,
 * training) and writes DIR/report.html (self-contained), the figures as SVG and PNG files under
 * DIR/figures, and DIR/summary.json with every number the report shows.
 */
public final class Tour {

    /** Tour settings: output folder, quick mode (embedded sample, fewer epochs), data folder, seed, threads. */
    public record Options(Path out, boolean quick, Path data, long seed, Integer threads, boolean progress) {
    }

    /** Where the report went and how long each section took. */
    public record Result(Path report, Path summary, Map<String, Double> secondsBySection, double totalSeconds, String dataSource) {
    }

    private Tour() {
    }

    static List<TourSection> sections() {
        return List.of(new ForwardSection(), new BackwardSection(), new MemorySection(), new ExplodingSection(),
                new VanishingSection(), new SymmetrySection(), new InitializationSection(), new ShiftSection(),
                new TrainingSection());
    }

    public static Result run(Options o) throws IOException {
        long start = System.nanoTime();
        if (o.threads() != null) {
            Parallel.setThreads(o.threads());
        }
        Files.createDirectories(o.out().resolve("figures"));
        FashionMnist data = o.quick() && o.data() == null ? FashionMnist.sample() : FashionMnist.load(o.data());
        TourContext ctx = new TourContext(o, data);
        List<TourSection> sections = sections();
        List<ReportSection> done = new ArrayList<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (ProgressBar bar = o.progress() ? new ProgressBarBuilder().setTaskName("tour").setInitialMax(sections.size())
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().build() : null) {
            for (TourSection s : sections) {
                if (bar != null) {
                    bar.setExtraMessage(s.title());
                }
                long t0 = System.nanoTime();
                ReportSection r = s.run(ctx);
                r.seconds = (System.nanoTime() - t0) / 1e9;
                seconds.put(s.id(), r.seconds);
                done.add(r);
                if (bar != null) {
                    bar.step();
                }
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        writeFigures(o.out().resolve("figures"), done);
        String subtitle = String.format(Locale.ROOT, "Dive into Deep Learning, ch. 4, run by jgrad %s on %s; data: %s;"
                        + " kernels: %s; threads: %d; seed %d; %.0f s in all.", o.quick() ? "(quick mode)" : "",
                java.time.LocalDate.now(), data.source(), KernelProvider.describe(), Parallel.threads(), o.seed(), total);
        Path report = o.out().resolve("report.html");
        AtomicFiles.write(report, HtmlReport.render("Forward, backward and computational graphs, numerical stability,"
                + " and distribution shift", subtitle, done).getBytes(StandardCharsets.UTF_8));
        Path summary = o.out().resolve("summary.json");
        JsonExport.write(summary, summary(o, data, done, seconds, total));
        return new Result(report, summary, seconds, total, data.source());
    }

    private static Map<String, Object> summary(Options o, FashionMnist data, List<ReportSection> done,
                                               Map<String, Double> seconds, double total) {
        Map<String, Object> s = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("quick", o.quick());
        run.put("seed", o.seed());
        run.put("threads", Parallel.threads());
        run.put("data", data.source());
        run.put("kernels", KernelProvider.describe());
        run.put("java", Runtime.version().toString());
        run.put("seconds", total);
        run.put("section_seconds", seconds);
        s.put("run", run);
        for (ReportSection r : done) {
            s.put(r.id, r.numbers);
        }
        return s;
    }

    private static void writeFigures(Path dir, List<ReportSection> done) throws IOException {
        for (ReportSection r : done) {
            for (Figure f : r.figures()) {
                AtomicFiles.write(dir.resolve(f.id() + ".svg"), f.svg().getBytes(StandardCharsets.UTF_8));
                AtomicFiles.write(dir.resolve(f.id() + ".png"), f.png());
            }
        }
    }
}
