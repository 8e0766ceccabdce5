package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jgrad.io.TestTensors.assertSameTensor;
import static org.jgrad.io.TestTensors.pattern;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void parametersOptimizerStateAndScalarsComeBack() throws Exception {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("0.weight", pattern(DType.FLOAT32, 1, 4, 3));
        params.put("0.bias", pattern(DType.FLOAT32, 2, 4));
        params.put("2.weight", pattern(DType.FLOAT64, 3, 1, 4));
        Map<String, Tensor> optim = new LinkedHashMap<>();
        optim.put("0.weight.m", pattern(DType.FLOAT32, 4, 4, 3));
        optim.put("0.weight.v", pattern(DType.FLOAT32, 5, 4, 3));
        optim.put("t", Tensor.scalar(12));
        Map<String, String> scalars = Map.of("epoch", "3", "step", "1200", "lr", "0.001", "seed", "42");
        Path file = dir.resolve("ckpt.safetensors");

        TrainingCheckpoint.save(file, params, optim, scalars);
        TrainingCheckpoint loaded = TrainingCheckpoint.load(file);

        assertThat(loaded.parameters().keySet()).containsExactlyInAnyOrderElementsOf(params.keySet());
        params.forEach((name, t) -> assertSameTensor(loaded.parameters().get(name), t));
        assertThat(loaded.optimizerState().keySet()).containsExactlyInAnyOrderElementsOf(optim.keySet());
        optim.forEach((name, t) -> assertSameTensor(loaded.optimizerState().get(name), t));
        assertThat(loaded.scalars()).isEqualTo(scalars);
        assertThat(loaded.scalar("lr")).isEqualTo("0.001");
    }

    @Test
    void theFileIsPlainSafetensorsWithPrefixedNames() throws Exception {
        Path file = dir.resolve("ckpt.safetensors");

        TrainingCheckpoint.save(file, Map.of("w", Tensor.scalar(1)), Map.of("w.momentum", Tensor.scalar(2)), Map.of("epoch", "1"));
        SafeTensorsFile raw = SafeTensors.read(file);

        assertThat(raw.tensors().keySet()).containsExactlyInAnyOrder("param/w", "optim/w.momentum");
        assertThat(raw.metadata()).containsEntry("jgrad.checkpoint.version", "1").containsEntry("scalar/epoch", "1");
    }

    @Test
    void aPlainSafetensorsFileIsNotMistakenForACheckpoint() throws Exception {
        Path file = dir.resolve("weights.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.scalar(1)), Map.of("format", "pt"));

        assertThatThrownBy(() -> TrainingCheckpoint.load(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageStartingWith(file + ": not a jgrad checkpoint")
                .hasMessageContaining("jgrad.checkpoint.version").hasMessageContaining("SafeTensors.read");
    }

    @Test
    void aNewerFormatVersionIsRefused() throws Exception {
        Path file = dir.resolve("future.safetensors");
        SafeTensors.write(file, Map.of(), Map.of("jgrad.checkpoint.version", "2"));

        assertThatThrownBy(() -> TrainingCheckpoint.load(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("version 2 is not supported");
    }

    @Test
    void aTensorOutsideBothGroupsIsReported() throws Exception {
        Path file = dir.resolve("odd.safetensors");
        SafeTensors.write(file, Map.of("stray", Tensor.scalar(1)), Map.of("jgrad.checkpoint.version", "1"));

        assertThatThrownBy(() -> TrainingCheckpoint.load(file))
                .isInstanceOf(FileFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("tensor 'stray' is neither");
    }

    @Test
    void aMissingScalarListsTheOnesThereAre() {
        TrainingCheckpoint c = new TrainingCheckpoint(Map.of(), Map.of(), Map.of("epoch", "1"));

        assertThatThrownBy(() -> c.scalar("step")).hasMessageContaining("no scalar 'step'").hasMessageContaining("epoch");
    }
}
