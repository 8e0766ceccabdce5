package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.jgrad.init.Xavier;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelParametersTest {
    @TempDir
    Path dir;

    @Test
    void aModelSurvivesTheRoundTrip() throws Exception {
        Sequential a = Mlp.of(3, Activation::relu, 5);
        a.initialize(Xavier.uniform(), 1);
        Tensor x = Tensor.ones(2, 4);
        Tensor before = a.forward(x);
        Path file = dir.resolve("model.safetensors");
        ModelParameters.save(a, file);
        Sequential b = Mlp.of(3, Activation::relu, 5);
        b.initialize(Xavier.uniform(), 99);
        b.forward(x);
        ModelParameters.load(b, file);
        assertThat(b.forward(x).toFloatArray()).containsExactly(before.toFloatArray());
        assertThat(SafeTensors.read(file).tensors().keySet()).containsExactlyInAnyOrder("1.weight", "1.bias", "3.weight", "3.bias");
    }

    @Test
    void aFileForAnotherModelIsRejectedBeforeAnythingChanges() throws Exception {
        Sequential a = new Sequential(new Linear(3, 4));
        a.initialize();
        Path file = dir.resolve("a.safetensors");
        ModelParameters.save(a, file);
        Sequential b = new Sequential(new Linear(5, 4));
        b.initialize();
        float[] kept = b.parameters().get(0).data().toFloatArray();
        assertThatThrownBy(() -> ModelParameters.load(b, file)).isInstanceOf(FileFormatException.class)
                .hasMessageContaining("a.safetensors").hasMessageContaining("'0.weight' has shape (3,4)");
        assertThat(b.parameters().get(0).data().toFloatArray()).containsExactly(kept);
    }
}
