package org.jgrad.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgrad.io.TrainingCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code jgrad train} on the embedded sample: one line per epoch, and a checkpoint that resumes exactly. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(old);
        }
        assertThat(code).as("exit code; output:%n%s", out).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String epochLine(String output, int epoch) {
        Matcher m = Pattern.compile("(?m)^epoch " + epoch + "/\\d+  loss .*$").matcher(output);
        assertThat(m.find()).as("a line for epoch %d in%n%s", epoch, output).isTrue();
        return m.group().replaceAll("\\s+\\d+ samples/s$", "");
    }

    @Test
    void printsOneLinePerEpochAndResumesFromACheckpointExactly() throws Exception {
        Path ck = dir.resolve("run.safetensors");
        String straight = run("train", "--sample", "--hidden", "32", "--epochs", "3", "--no-progress", "--threads", "1");
        assertThat(straight).contains("data: embedded sample").contains("final test accuracy");
        assertThat(epochLine(straight, 1)).matches("epoch 1/3  loss \\d\\.\\d{4}  train acc 0\\.\\d{4}  test acc 0\\.\\d{4}");

        run("train", "--sample", "--hidden", "32", "--epochs", "2", "--save", ck.toString(), "--no-progress", "--threads", "1");
        TrainingCheckpoint c = TrainingCheckpoint.load(ck);
        assertThat(c.scalar("epoch")).isEqualTo("2");
        assertThat(c.parameters()).containsKeys("1.weight", "1.bias", "3.weight", "3.bias");
        String resumed = run("train", "--sample", "--hidden", "32", "--epochs", "3", "--resume", ck.toString(),
                "--no-progress", "--threads", "1");
        assertThat(resumed).contains("resumed from").contains("after epoch 2");
        assertThat(epochLine(resumed, 3).replace("/3", "")).isEqualTo(epochLine(straight, 3).replace("/3", ""));
    }
}
