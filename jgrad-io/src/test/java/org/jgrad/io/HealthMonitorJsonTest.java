package org.jgrad.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.jgrad.data.DataLoader;
import org.jgrad.data.FashionMnist;
import org.jgrad.data.LastBatch;
import org.jgrad.diagnostics.HealthMonitor;
import org.jgrad.init.Xavier;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Mlp;
import org.jgrad.nn.Sequential;
import org.jgrad.optim.Sgd;
import org.jgrad.tensor.Rng;
import org.jgrad.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health monitor's history leaves jgrad as JSON through JsonExport. */
class HealthMonitorJsonTest {
    @TempDir
    Path dir;

    @Test
    void monitorRowsRoundTripThroughJson() throws Exception {
        Sequential net = Mlp.of(10, Activation::relu, 32);
        net.initialize(Xavier.uniform(), 1);
        HealthMonitor monitor = new HealthMonitor(5, 1e3, 1e-7, w -> { });
        var data = FashionMnist.sample().train().subset(java.util.stream.IntStream.range(0, 640).toArray());
        Trainer.builder(net, new SoftmaxCrossEntropyLoss()).optimizer(p -> new Sgd(p, 0.1)).epochs(1).listener(monitor)
                .build().fit(new DataLoader(data, 64, LastBatch.KEEP, new Rng(2)), null);
        Path file = dir.resolve("health.json");
        JsonExport.write(file, monitor.rows());
        JsonNode read = new ObjectMapper().readTree(file.toFile());
        assertThat(read.size()).isEqualTo(monitor.rows().size()).isEqualTo(2 * 2); // steps 1 and 6, two layers
        assertThat(read.get(0).get("layer").asText()).isEqualTo("1");
        assertThat(read.get(0).get("gradNorm").asDouble()).isEqualTo(monitor.rows().get(0).gradNorm());
        assertThat(read.get(1).get("activationMean").asText()).isEqualTo("NaN");
    }
}
