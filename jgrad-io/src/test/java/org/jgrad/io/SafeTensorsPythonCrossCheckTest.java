package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jgrad.io.TestTensors.assertSameTensor;
import static org.jgrad.io.TestTensors.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jgrad's files against an independent reader and writer in NumPy (safetensors_numpy.py, written
 * from the specification). Skipped, saying why, where python3 with NumPy is not installed.
 */
class SafeTensorsPythonCrossCheckTest {
    @TempDir
    Path dir;

    private static Result probe;
    private static Path script;

    // Per test, not @BeforeAll: Surefire reports a class-level skip as "0 tests", losing the reason.
    @BeforeEach
    void needsPythonWithNumpy(@TempDir Path scripts) throws Exception {
        if (probe == null) {
            probe = run(List.of("python3", "-c", "import numpy"));
            probe = probe != null ? probe : new Result(-1, "", "python3 could not be started");
        }
        Assumptions.assumeTrue(probe.exitCode == 0,
                "skipped: python3 with numpy is not available (" + probe.stderr.strip() + ")");
        script = scripts.resolve("safetensors_numpy.py");
        try (InputStream in = SafeTensorsPythonCrossCheckTest.class.getResourceAsStream("safetensors_numpy.py")) {
            Files.copy(in, script);
        }
    }

    @Test
    void numpyReadsWhatJgradWrites() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.0.weight", pattern(DType.FLOAT32, 0.1, 3, 5));
        tensors.put("layer.0.bias", pattern(DType.FLOAT32, 0.2, 3));
        tensors.put("odd", pattern(DType.FLOAT32, 0.3, 1, 1, 3));
        tensors.put("double", pattern(DType.FLOAT64, 0.4, 2, 2, 1, 2));
        tensors.put("scalar", Tensor.scalar(Math.E, DType.FLOAT64));
        tensors.put("empty", Tensor.zeros(DType.FLOAT32, 0, 4));
        Map<String, String> metadata = Map.of("epoch", "3", "name", "jgrad ✓");
        Path file = dir.resolve("from-jgrad.safetensors");
        SafeTensors.write(file, tensors, metadata);

        Result result = run(List.of("python3", script.toString(), "read", file.toString()));

        assertThat(result.exitCode).as("python said: %s", result.stderr).isZero();
        JsonNode seen = new ObjectMapper().readTree(result.stdout);
        assertThat(seen.get("metadata").get("epoch").asText()).isEqualTo("3");
        assertThat(seen.get("metadata").get("name").asText()).isEqualTo("jgrad ✓");
        assertThat(seen.get("tensors").size()).isEqualTo(tensors.size());
        tensors.forEach((name, t) -> assertSameTensor(fromJson(seen.get("tensors").get(name)), t));
    }

    @Test
    void jgradReadsWhatNumpyWrites() throws Exception {
        Path file = dir.resolve("from-numpy.safetensors");

        Result result = run(List.of("python3", script.toString(), "write", file.toString()));
        assertThat(result.exitCode).as("python said: %s", result.stderr).isZero();
        SafeTensorsFile read = SafeTensors.read(file);

        float[] w = new float[12];
        for (int i = 0; i < w.length; i++) {
            w[i] = i * 0.25f - 1f;
        }
        assertSameTensor(read.tensor("w"), Tensor.of(w, 3, 4));
        assertSameTensor(read.tensor("b"), Tensor.of(new double[] {1.5, -2.0}));
        assertSameTensor(read.tensor("s"), Tensor.scalar(7.0));
        assertSameTensor(read.tensor("e"), Tensor.zeros(DType.FLOAT64, 2, 0));
        assertThat(read.metadata()).containsExactly(Map.entry("source", "numpy"));
    }

    private static Tensor fromJson(JsonNode t) {
        int[] shape = new int[t.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = t.get("shape").get(i).asInt();
        }
        JsonNode values = t.get("values");
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();                     // Python prints floats exactly (repr)
        }
        Tensor d = Tensor.wrap(Storage.wrap(v), shape);                 // Tensor.of would make [] 1-D
        return t.get("dtype").asText().equals("F32") ? d.astype(DType.FLOAT32) : d;
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command, or returns null if it cannot be started (no such program). */
    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return null;
        }
        p.getOutputStream().close();
        var stderr = new java.io.ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getErrorStream().transferTo(stderr);
            } catch (IOException e) {
                // the exit code will tell
            }
        });
        drain.start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out after 60 s: " + command);
        }
        drain.join();
        return new Result(p.exitValue(), stdout, stderr.toString(StandardCharsets.UTF_8));
    }
}
