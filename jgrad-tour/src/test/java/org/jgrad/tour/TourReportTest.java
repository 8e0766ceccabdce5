package org.jgrad.tour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the quick tour once, then checks what it wrote: every section's key figures in
 * summary.json, the figure files, and — in headless Chromium — that every section and figure
 * rendered and the page logged no error (a screenshot is saved to target/).
 */
class TourReportTest {
    @TempDir
    static Path out;
    static Tour.Result result;

    @BeforeAll
    static void runQuickTour() throws IOException {
        System.setProperty("java.awt.headless", "true");
        result = Tour.run(new Tour.Options(out, true, null, 0, null, false));
    }

    @Test
    void summaryHoldsEverySectionsFigures() throws IOException {
        JsonNode s = new ObjectMapper().readTree(result.summary().toFile());
        for (TourSection section : Tour.sections()) {
            assertThat(s.has(section.id())).as("summary has section %s", section.id()).isTrue();
        }
        assertThat(s.get("backward").get("max_abs_diff_dW1").asDouble()).isLessThan(1e-10);
        assertThat(s.get("backward").get("max_abs_diff_dW2").asDouble()).isLessThan(1e-10);
        assertThat(s.get("backward").get("gradcheck_passed").asBoolean()).isTrue();
        assertThat(s.get("memory").get("checkpoint_saving").asDouble()).isGreaterThan(0.6);
        assertThat(s.get("exploding").get("product_norm_after_100").asDouble()).isGreaterThan(1e10);
        assertThat(s.get("vanishing").get("sigmoid_grad_max").asDouble()).isBetween(0.249, 0.25);
        assertThat(s.get("symmetry").get("constant_distinct_rows").asInt()).isEqualTo(1);
        assertThat(s.get("symmetry").get("random_distinct_rows").asInt()).isEqualTo(64);
        assertThat(s.get("training").get("final_test_accuracy").asDouble()).isGreaterThan(0.75);
        assertThat(s.get("run").get("quick").asBoolean()).isTrue();
        assertThat(result.totalSeconds()).isPositive();
    }

    @Test
    void everyFigureIsWrittenAsSvgAndPng() throws IOException {
        List<String> ids = figureIds();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(14);
        for (String id : ids) {
            assertThat(out.resolve("figures/" + id + ".svg")).isNotEmptyFile();
            assertThat(out.resolve("figures/" + id + ".png")).isNotEmptyFile();
        }
        String html = Files.readString(result.report());
        assertThat(html).doesNotContain("http://cdn").doesNotContain("<script src").doesNotContain("<link");
    }

    private static List<String> figureIds() throws IOException {
        String html = Files.readString(result.report());
        Matcher m = Pattern.compile("<figure class=\"tour-figure\" id=\"fig-([^\"]+)\"").matcher(html);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    private static List<String> chromiumCommand(Path browser, Path profile, String... extra) {
        List<String> cmd = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(extra));
        return cmd;
    }

    private static String[] run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        byte[] stderr = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String[] {new String(stdout, StandardCharsets.UTF_8), new String(stderr, StandardCharsets.UTF_8)};
    }

    @Test
    void rendersInHeadlessChromiumWithoutErrors() throws Exception {
        Path browser = chromium();
        assumeTrue(browser != null, "Chromium is not installed (apt-get install chromium chromium-driver); "
                + "skipping the browser check of the report. CI installs it.");
        String url = result.report().toUri().toString();
        String[] dom = run(chromiumCommand(browser, Files.createTempDirectory("chromium-profile"),
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", url));
        Matcher body = Pattern.compile("<body ([^>]*)>").matcher(dom[0]);
        assertThat(body.find()).as("the page rendered a body").isTrue();
        String attrs = body.group(1);
        int figures = figureIds().size();
        assertThat(attrs).contains("data-sections=\"" + Tour.sections().size() + "\"");
        assertThat(attrs).contains("data-figures=\"" + figures + "\"");
        assertThat(attrs).contains("data-figures-rendered=\"" + figures + "\"");
        assertThat(attrs).contains("data-errors=\"0\"");
        for (String line : dom[1].split("\n")) {
            if (line.contains(":CONSOLE")) {
                assertThat(line).as("browser console").doesNotContainIgnoringCase("error").doesNotContain("Uncaught");
            }
        }
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        run(chromiumCommand(browser, Files.createTempDirectory("chromium-profile"), "--window-size=1100,3000",
                "--screenshot=" + shot, url));
        assertThat(shot).isNotEmptyFile();
    }
}
