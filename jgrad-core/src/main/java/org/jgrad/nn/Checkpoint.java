package org.jgrad.nn;

import java.util.List;
import org.jgrad.autograd.Autograd;
import org.jgrad.autograd.Recorder;
import org.jgrad.tensor.Tensor;

/**
 * Gradient checkpointing (rematerialization): wraps a segment of a model so that the forward pass
 * keeps only the segment's input; backward runs the segment again, this time recording, and
 * differentiates through that fresh graph. Memory for the segment's intermediates is traded for
 * one more forward pass. Gradients equal the plain run's (bit for bit on one thread), because the
 * recomputation is the same sequence of ops.
 *
 * <p>The segment must be deterministic: it may not contain {@link Dropout} in training mode (a
 * recomputation would draw a different mask), which is checked. Second derivatives do not flow
 * through a checkpoint.
 */
public final class Checkpoint extends Module {
    private final Module segment;

    public Checkpoint(Module segment) {
        this.segment = addModule("segment", segment);
    }

    /** Splits layers into segments of {@code every} layers, each checkpointed: √n segments is the classic choice. */
    public static Sequential every(int every, List<Module> layers) {
        if (every < 1) {
            throw new IllegalArgumentException("Checkpoint.every: segment length must be ≥ 1, got " + every);
        }
        Sequential out = new Sequential();
        for (int i = 0; i < layers.size(); i += every) {
            Sequential seg = new Sequential();
            layers.subList(i, Math.min(layers.size(), i + every)).forEach(seg::add);
            out.add(new Checkpoint(seg));
        }
        return out;
    }

    @Override
    protected Tensor compute(Tensor x) {
        rejectRandomness(segment);
        if (!Autograd.isRecording()) {
            return segment.forward(x);
        }
        Tensor out;
        try (var scope = Autograd.pause()) {
            out = segment.forward(x);
        }
        List<Parameter> params = segment.parameters();
        Tensor[] inputs = new Tensor[params.size() + 1];
        inputs[0] = x;
        for (int i = 0; i < params.size(); i++) {
            inputs[i + 1] = params.get(i).data();
        }
        int count = inputs.length; // the lambda must not capture the inputs: that would keep them alive
        return Recorder.record("checkpoint", out, inputs, new Tensor[] {x}, (n, g) -> {
            Tensor input = n.saved(0).detach();
            boolean inputNeedsGrad = n.needsGrad(0);
            if (inputNeedsGrad) {
                input.attachGrad();
            }
            Tensor recomputed;
            try (var scope = Autograd.record()) {
                recomputed = segment.forward(input);
            }
            Tensor[] wrt = new Tensor[count];
            wrt[0] = inputNeedsGrad ? input : null;
            for (int i = 1; i < wrt.length; i++) {
                wrt[i] = params.get(i - 1).data();
            }
            Tensor[] grads = Autograd.gradients(recomputed, g, compact(wrt));
            return expand(grads, inputNeedsGrad);
        });
    }

    private static Tensor[] compact(Tensor[] wrt) {
        return wrt[0] == null ? java.util.Arrays.copyOfRange(wrt, 1, wrt.length) : wrt;
    }

    private static Tensor[] expand(Tensor[] grads, boolean withInput) {
        if (withInput) {
            return grads;
        }
        Tensor[] out = new Tensor[grads.length + 1];
        System.arraycopy(grads, 0, out, 1, grads.length);
        return out;
    }

    private static void rejectRandomness(Module m) {
        if (m instanceof Dropout && m.isTraining()) {
            throw new IllegalStateException("Checkpoint: the segment contains Dropout in training mode; a recomputation"
                    + " would draw a different mask. Keep dropout outside checkpointed segments");
        }
        m.children().values().forEach(Checkpoint::rejectRandomness);
    }

    @Override
    public String describe() {
        return "Checkpoint";
    }
}
