package org.jgrad.tour;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jgrad.autograd.Autograd;
import org.jgrad.diagnostics.MemoryReport;
import org.jgrad.diagnostics.MemoryTracker;
import org.jgrad.init.Xavier;
import org.jgrad.loss.SoftmaxCrossEntropyLoss;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Checkpoint;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Module;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.Tensor;

/** Section 3: what backprop keeps in memory, by batch size and depth, and what checkpointing saves. */
final class MemorySection implements TourSection {
    private static final int WIDTH = 256;

    @Override
    public String id() {
        return "memory";
    }

    @Override
    public String title() {
        return "3. Memory: why training needs more than inference";
    }

    private static Sequential mlp(int depth, long seed) {
        Sequential net = new Sequential();
        for (int i = 0; i < depth; i++) {
            net.add(new Linear(WIDTH), Activation.relu());
        }
        net.add(new Linear(10));
        net.initialize(Xavier.uniform(), seed);
        return net;
    }

    private static Tensor loss(Module net, Tensor x, Tensor y) {
        try (var scope = Autograd.record()) {
            return new SoftmaxCrossEntropyLoss().mean(net.forward(x), y);
        }
    }

    @Override
    public ReportSection run(TourContext ctx) {
        ReportSection s = new ReportSection(id(), title());
        s.text("To compute gradients, backward needs values from the forward pass: the input of each matrix product,"
                + " the output of each activation. jgrad keeps them in the graph until backward has used them, then frees"
                + " them. Inference (no recording) keeps none. The figures count the activation bytes the graph of an MLP"
                + " with 256-unit ReLU layers retains (MemoryReport; parameters, which exist anyway, are not counted).");
        int[] batches = ctx.quick() ? new int[] {1, 32, 64, 128, 256} : new int[] {1, 16, 32, 64, 128, 256, 512};
        double[] bx = new double[batches.length];
        double[] by = new double[batches.length];
        Sequential chapter = mlp(1, 1);
        for (int i = 0; i < batches.length; i++) {
            int[] idx = java.util.stream.IntStream.range(0, batches[i]).toArray();
            Tensor loss = loss(chapter, ctx.data.train().features(idx), ctx.data.train().labels(idx));
            bx[i] = batches[i];
            by[i] = MemoryReport.of(loss).activationBytes() / (1024.0 * 1024.0);
            loss.backward();
        }
        long inference;
        try (MemoryTracker mem = MemoryTracker.start(); var pause = Autograd.pause()) {
            chapter.forward(ctx.data.train().features(new int[256]));
            inference = mem.peakBytes();
        }
        s.figure(Charts.figure("memory-vs-batch", "Retained memory grows linearly with the batch size: every example has its"
                + " own activations. The chapter's 784-256-10 MLP; inference (no recording) keeps " + inference + " bytes.",
                Charts.xy("Activation memory kept for backward vs batch size", "batch size", "MiB",
                        false, List.of(Charts.Series.points("784-256-10 MLP", bx, by)))));
        int[] depths = ctx.quick() ? new int[] {1, 2, 4, 8, 16} : new int[] {1, 2, 4, 8, 16, 32};
        double[] dx = new double[depths.length];
        double[] dy = new double[depths.length];
        int[] batch = java.util.stream.IntStream.range(0, 256).toArray();
        Tensor x = ctx.data.train().features(batch);
        Tensor y = ctx.data.train().labels(batch);
        for (int i = 0; i < depths.length; i++) {
            Tensor loss = loss(mlp(depths[i], 2), x, y);
            dx[i] = depths[i];
            dy[i] = MemoryReport.of(loss).activationBytes() / (1024.0 * 1024.0);
            loss.backward();
        }
        s.figure(Charts.figure("memory-vs-depth", "Retained memory grows linearly with depth: each extra layer keeps its input"
                + " and its activation until backward reaches it. Batch of 256.", Charts.xy("Activation memory kept for backward vs depth",
                "hidden layers (256 units each)", "MiB", false, List.of(Charts.Series.points("batch 256", dx, dy)))));

        // gradient checkpointing on the deepest net
        int depth = depths[depths.length - 1] * (ctx.quick() ? 2 : 1);
        int every = (int) Math.round(Math.sqrt(depth));
        Sequential plain = mlp(depth, 3);
        plain.forward(x.slice(0, 0, 1));
        List<Module> layers = new ArrayList<>(plain.layers());
        Module head = layers.remove(layers.size() - 1);
        Sequential checkpointed = Checkpoint.every(2 * every, layers).add(head);
        long[] plainMem = measure(plain, x, y);
        long[] ckptMem = measure(checkpointed, x, y);
        double saved = 1 - (double) ckptMem[0] / plainMem[0];
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("plain", Fmt.mib(plainMem[0]), Fmt.mib(plainMem[1]), String.format(Locale.ROOT, "%.3f s", plainMem[2] / 1e9)));
        rows.add(List.of("checkpoint every " + every + " layers", Fmt.mib(ckptMem[0]), Fmt.mib(ckptMem[1]),
                String.format(Locale.ROOT, "%.3f s", ckptMem[2] / 1e9)));
        s.text(String.format(Locale.ROOT, "Gradient checkpointing keeps only each segment's input and recomputes the segment"
                + " during backward. On a %d-layer MLP with a checkpoint every √%d ≈ %d layers it keeps %.0f%% less"
                + " activation memory after the forward pass; the peak during backward includes one recomputed segment."
                + " The gradients are identical to the plain run's (a unit test checks this bit for bit).", depth, depth, every, 100 * saved));
        s.table(List.of("run", "kept after forward", "peak (forward + backward)", "forward + backward time"), rows);
        s.number("batch_sizes", bx).number("retained_mib_by_batch", by).number("inference_bytes", inference)
                .number("depths", dx).number("retained_mib_by_depth", dy).number("checkpoint_depth", depth)
                .number("checkpoint_every", every).number("plain_retained_bytes", plainMem[0]).number("plain_peak_bytes", plainMem[1])
                .number("checkpoint_retained_bytes", ckptMem[0]).number("checkpoint_peak_bytes", ckptMem[1])
                .number("checkpoint_saving", saved);
        return s;
    }

    /** {retained after forward, peak, nanoseconds for forward + backward}. */
    private static long[] measure(Module net, Tensor x, Tensor y) {
        try (MemoryTracker mem = MemoryTracker.start()) {
            long t0 = System.nanoTime();
            Tensor loss = loss(net, x, y);
            long kept = mem.savedBytes();
            loss.backward();
            return new long[] {kept, mem.peakBytes(), System.nanoTime() - t0};
        }
    }
}
