package org.jgrad.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jgrad.autograd.Autograd;
import org.jgrad.init.Xavier;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Checkpoint;
import org.jgrad.nn.Dropout;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Module;
import org.jgrad.nn.Parameter;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Memory accounting and gradient checkpointing. */
class MemoryTest {

    private static List<Module> layers(int depth, int width) {
        List<Module> out = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            out.add(new Linear(width, width));
            out.add(Activation.tanh());
        }
        return out;
    }

    private static Tensor lossOf(Module net, Tensor x) {
        try (var scope = Autograd.record()) {
            return net.forward(x).square().mean();
        }
    }

    private static long retained(int depth, int batch) {
        Sequential net = new Sequential();
        layers(depth, 32).forEach(net::add);
        net.initialize(Xavier.uniform(), 1);
        return MemoryReport.of(lossOf(net, Tensor.ones(batch, 32))).activationBytes();
    }

    @Test
    void retainedBytesGrowLinearlyWithBatchSizeAndDepth() {
        long b16 = retained(4, 16);
        long b32 = retained(4, 32);
        long b64 = retained(4, 64);
        assertThat(b64 - b32).isEqualTo(2 * (b32 - b16));
        assertThat(b32 - b16).isPositive();
        long d2 = retained(2, 16);
        long d4 = retained(4, 16);
        long d8 = retained(8, 16);
        assertThat(d8 - d4).isEqualTo(2 * (d4 - d2));
        assertThat(d4 - d2).isPositive();
    }

    @Test
    void retainedBytesFallToZeroAfterBackwardUnlessTheGraphIsRetained() {
        Sequential net = new Sequential();
        layers(3, 16).forEach(net::add);
        net.initialize(Xavier.uniform(), 1);
        Tensor kept = lossOf(net, Tensor.ones(8, 16));
        kept.backward(true);
        assertThat(MemoryReport.of(kept).activationBytes()).isPositive();
        Tensor loss = lossOf(net, Tensor.ones(8, 16));
        MemoryReport before = MemoryReport.of(loss);
        assertThat(before.activationBytes()).isPositive();
        assertThat(before.toString()).contains("linear").contains("tanh").contains("retained for backward");
        loss.backward();
        assertThat(MemoryReport.of(loss).activationBytes()).isZero();
        assertThat(MemoryReport.of(loss).parameterBytes()).isZero();
    }

    @Test
    void trackerSeesThePeakAndTheRelease() {
        Sequential net = new Sequential();
        layers(3, 16).forEach(net::add);
        net.initialize(Xavier.uniform(), 1);
        try (MemoryTracker mem = MemoryTracker.start()) {
            Tensor loss = lossOf(net, Tensor.ones(8, 16));
            long afterForward = mem.savedBytes();
            assertThat(afterForward).isEqualTo(MemoryReport.of(loss).activationBytes());
            loss.backward();
            assertThat(mem.savedBytes()).isZero();
            assertThat(mem.current()).isZero();
            assertThat(mem.peakBytes()).isGreaterThanOrEqualTo(afterForward);
        }
    }

    @Test
    void checkpointingEverySqrtLayersCutsRetainedMemoryAndKeepsGradientsBitForBit() {
        int depth = 32;
        int every = (int) Math.round(Math.sqrt(depth)); // 6
        Sequential plain = new Sequential();
        List<Module> plainLayers = new ArrayList<>();
        for (int i = 0; i < depth; i++) {
            plainLayers.add(new Linear(64, 64));
            plainLayers.add(Activation.relu());
        }
        plainLayers.forEach(plain::add);
        plain.initialize(Xavier.uniform(), 3);
        plain.forward(Tensor.zeros(1, 64)); // materialize
        // the same layers, checkpointed every √32 linear+relu pairs
        Sequential checkpointed = Checkpoint.every(2 * every, plainLayers);
        Tensor x = Tensor.randomNormal(new Rng(5), 0, 1, 128, 64);

        Tensor lossPlain = lossOf(plain, x);
        long plainBytes = MemoryReport.of(lossPlain).activationBytes();
        lossPlain.backward();
        List<float[]> gradsPlain = new ArrayList<>();
        for (Parameter p : plain.parameters()) {
            gradsPlain.add(p.grad().toFloatArray());
        }
        Tensor lossCkpt;
        long peakCkpt;
        try (MemoryTracker mem = MemoryTracker.start()) {
            lossCkpt = lossOf(checkpointed, x);
            long ckptBytes = MemoryReport.of(lossCkpt).activationBytes();
            assertThat(ckptBytes).as("retained with checkpoints vs %d without", plainBytes).isLessThanOrEqualTo((long) (0.4 * plainBytes));
            lossCkpt.backward();
            peakCkpt = mem.peakBytes();
        }
        assertThat(peakCkpt).isLessThan(plainBytes);
        assertThat(lossCkpt.item()).isEqualTo(lossPlain.item());
        List<Parameter> params = plain.parameters();
        for (int i = 0; i < params.size(); i++) {
            assertThat(params.get(i).grad().toFloatArray()).as(params.get(i).name()).containsExactly(gradsPlain.get(i));
        }
    }

    @Test
    void checkpointRefusesDropout() {
        Checkpoint c = new Checkpoint(new Sequential(new Linear(4, 4), new Dropout(0.5)));
        c.initialize();
        assertThatThrownBy(() -> lossOf(c, Tensor.ones(2, 4))).hasMessageContaining("Dropout in training mode");
    }
}
