package org.jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jgrad.data.IdxArray;
import org.jgrad.data.IdxWriter;
import org.jgrad.tensor.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jgrad shift detect|correct} end to end on small files. */
class ShiftCommandTest {
    @TempDir
    Path dir;

    private Path gaussianCsv(String name, int n, double shift, long seed) throws IOException {
        Rng rng = new Rng(seed);
        StringBuilder sb = new StringBuilder("x1,x2,y\n");
        for (int i = 0; i < n; i++) {
            double x1 = rng.nextGaussian() + shift;
            sb.append(String.format(Locale.ROOT, "%.5f,%.5f,%d%n", x1, rng.nextGaussian(), x1 > 0 ? 1 : 0));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, sb.toString());
        return file;
    }

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void detectReportsAucPValueAndVerdict() throws IOException {
        Path a = gaussianCsv("a.csv", 300, 0, 1);
        Path b = gaussianCsv("b.csv", 300, 1, 2);
        String[] r = run("shift", "detect", "--source", a.toString(), "--target", b.toString(), "--label-column", "y",
                "--permutations", "99");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("(300 examples, 2 features)").contains("AUC      0.").contains("p-value  0.0100 ")
                .contains("verdict  SHIFT DETECTED at α = 0.05");
    }

    @Test
    void correctWritesOneWeightPerSourceExample() throws IOException {
        Path a = gaussianCsv("a.csv", 200, 0, 3);
        Path b = gaussianCsv("b.csv", 150, 0.7, 4);
        Path weights = dir.resolve("w.csv");
        String[] r = run("shift", "correct", "--source", a.toString(), "--target", b.toString(), "--label-column", "y",
                "--out", weights.toString(), "--permutations", "49", "--l2", "0.01");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("p-value").contains("ESS").contains("200 weights").contains("wrote");
        List<String> lines = Files.readAllLines(weights);
        assertThat(lines).hasSize(201);
        assertThat(lines.get(0)).isEqualTo("index,weight");
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            sum += Double.parseDouble(line.split(",")[1]);
        }
        assertThat(sum / 200).isBetween(0.999, 1.001);
    }

    @Test
    void readsIdxImageFiles() throws IOException {
        Rng rng = new Rng(5);
        Path a = idx("a-images-idx3-ubyte", 40, 0, rng);
        Path b = idx("b-images-idx3-ubyte", 40, 120, rng);
        String[] r = run("shift", "detect", "--source", a.toString(), "--target", b.toString(), "--permutations", "19");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("(40 examples, 16 features)").contains("SHIFT DETECTED");
    }

    private Path idx(String name, int n, int brightness, Rng rng) throws IOException {
        byte[] pixels = new byte[n * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (brightness + rng.nextInt(100));
        }
        Path file = dir.resolve(name);
        IdxWriter.writePlain(file, new IdxArray(new int[] {n, 4, 4}, pixels));
        return file;
    }

    @Test
    void badInputIsOneLineOnStderr() throws IOException {
        Path a = gaussianCsv("a.csv", 50, 0, 1);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x1,x2\n1,2\n3,oops\n");
        String[] r = run("shift", "detect", "--source", a.toString(), "--target", bad.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).isEqualTo("jgrad shift: " + bad + " line 3: column 1 ('x2') holds 'oops', which is not a number"
                + System.lineSeparator());
        Path two = dir.resolve("two.csv");
        Files.writeString(two, "1,2\n4,5\n6,7\n");
        String[] r2 = run("shift", "detect", "--source", a.toString(), "--target", two.toString());
        assertThat(r2[0]).isEqualTo("2");
        assertThat(r2[2]).contains("source examples have 3 features but target examples have 2");
        String[] r3 = run("shift", "detect", "--source", a.toString(), "--target", two.toString(), "--classifier", "forest");
        assertThat(r3[2]).contains("unknown --classifier 'forest': use logistic or mlp");
    }
}
