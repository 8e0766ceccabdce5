package org.jgrad.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jgrad.nn.Activation;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Module;
import org.jgrad.nn.Parameter;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;
import org.jgrad.train.StepInfo;
import org.jgrad.train.TrainingContext;
import org.jgrad.train.TrainingListener;

/**
 * A trainer listener that watches numerical health per layer and step: gradient norm, weight norm,
 * update/weight ratio, the mean and standard deviation of the layer's activation output, the
 * fraction of dead ReLU units (zero for every example of the batch) and of saturated sigmoid/tanh
 * inputs (|x| &gt; 4, where the chapter shows their gradients vanish), and the number of distinct
 * weight rows (1 means all units are symmetric; checked on the first steps and every
 * {@value #SYMMETRY_EVERY} steps, the rows in between repeat the last count). It warns once per layer and kind when gradients
 * explode (non-finite, or growing past {@code explodeFactor} × their first value), vanish (an
 * early layer's norm below {@code vanishNorm}) or stay symmetric. History as rows, CSV, or JSON
 * through {@code org.jgrad.io.JsonExport}.
 */
public final class HealthMonitor implements TrainingListener {

    /** One layer at one step. NaN where a figure does not apply (no activation after the layer). */
    public record Row(long step, int epoch, String layer, double gradNorm, double weightNorm, double updateRatio,
                      double activationMean, double activationStd, double deadFraction, double saturatedFraction,
                      int distinctRows) {
    }

    /** The symmetry check (distinct weight rows) runs on the first steps and then every this many steps. */
    static final int SYMMETRY_EVERY = 50;

    /** Growth is measured from at least this norm, so a first step with a near-zero gradient is no false alarm. */
    private static final double EXPLODE_REFERENCE_FLOOR = 1e-3;

    private final int every;
    private final double explodeFactor;
    private final double vanishNorm;
    private final Consumer<String> warn;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final Set<String> warned = new LinkedHashSet<>();
    private final Map<String, Double> firstGradNorm = new LinkedHashMap<>();
    private final List<Layer> layers = new ArrayList<>();
    private final List<Runnable> hooks = new ArrayList<>();
    private long step;

    /** Watches every step; warns on stderr. */
    public HealthMonitor() {
        this(1, 1e3, 1e-7, msg -> System.err.println(msg));
    }

    /**
     * @param every         record every n-th step (1: every step)
     * @param explodeFactor warn when a layer's gradient norm exceeds this multiple of its first value
     * @param vanishNorm    warn when the first layer's gradient norm falls below this
     * @param warn          where warnings go
     */
    public HealthMonitor(int every, double explodeFactor, double vanishNorm, Consumer<String> warn) {
        if (every < 1) {
            throw new IllegalArgumentException("HealthMonitor: every must be ≥ 1, got " + every);
        }
        this.every = every;
        this.explodeFactor = explodeFactor;
        this.vanishNorm = vanishNorm;
        this.warn = warn;
    }

    /** A Linear layer, the activation that follows it (or null), and scratch for the step. */
    private static final class Layer {
        final String name;
        final Linear linear;
        final Activation activation;
        Storage before;
        int distinctRows;
        double actMean = Double.NaN;
        double actStd = Double.NaN;
        double dead = Double.NaN;
        double saturated = Double.NaN;

        Layer(String name, Linear linear, Activation activation) {
            this.name = name;
            this.linear = linear;
            this.activation = activation;
        }
    }

    @Override
    public void onTrainStart(TrainingContext context) {
        hooks.forEach(Runnable::run);
        hooks.clear();
        layers.clear();
        List<Map.Entry<String, Module>> leaves = new ArrayList<>();
        flatten("", context.model(), leaves);
        for (int i = 0; i < leaves.size(); i++) {
            if (!(leaves.get(i).getValue() instanceof Linear)) {
                continue;
            }
            Activation act = i + 1 < leaves.size() && leaves.get(i + 1).getValue() instanceof Activation
                    ? (Activation) leaves.get(i + 1).getValue() : null;
            Layer layer = new Layer(leaves.get(i).getKey(), (Linear) leaves.get(i).getValue(), act);
            layers.add(layer);
            if (act != null && act.activationName().equals("ReLU")) {
                // only the output is needed, so the Linear and ReLU stay fused (Note [Linear and ReLU fused])
                hooks.add(act.registerOutputHook((m, out) -> {
                    if (sampled(m)) {
                        activationStats(layer, null, out);
                    }
                }));
            } else if (act != null) {
                hooks.add(act.registerForwardHook((m, in, out) -> {
                    if (sampled(m)) {
                        activationStats(layer, in, out);
                    }
                }));
            }
        }
    }

    /** Whether this forward is one to observe: the forward of step + 1, which will be recorded. */
    private boolean sampled(Module m) {
        return m.isTraining() && step % every == 0;
    }

    /** Removes the activation hooks, so the model runs unobserved after training. */
    @Override
    public void onTrainEnd(org.jgrad.train.History history) {
        hooks.forEach(Runnable::run);
        hooks.clear();
    }

    private static void flatten(String prefix, Module m, List<Map.Entry<String, Module>> out) {
        if (m.children().isEmpty()) {
            out.add(Map.entry(prefix.isEmpty() ? "(root)" : prefix.substring(0, prefix.length() - 1), m));
            return;
        }
        m.children().forEach((n, c) -> flatten(prefix + n + ".", c, out));
    }

    /** Mean, std and (ReLU) dead or (sigmoid, tanh) saturated fraction; {@code in} is only read for the latter. */
    private void activationStats(Layer layer, Tensor in, Tensor out) {
        Storage o = out.storage();
        int n = o.length();
        double[] moments = Stats.sumAndSquares(o);
        layer.actMean = n == 0 ? Double.NaN : moments[0] / n;
        layer.actStd = n == 0 ? Double.NaN : Math.sqrt(Math.max(0, moments[1] / n - layer.actMean * layer.actMean));
        String kind = layer.activation.activationName();
        int units = out.shape()[out.rank() - 1];
        if (kind.equals("ReLU") && units > 0) {
            layer.dead = Stats.deadColumnFraction(o, units);
        } else if (kind.equals("Sigmoid") || kind.equals("Tanh")) {
            layer.saturated = n == 0 ? Double.NaN : (double) Stats.countAbove(in.storage(), 4) / n;
        }
    }

    @Override
    public void afterBackward(StepInfo s) {
        step = s.globalStep();
        if (!recording()) {
            return;
        }
        for (Layer l : layers) {
            Storage w = l.linear.weight().data().storage();
            if (l.before == null || l.before.length() != w.length()) {
                l.before = Storage.allocate(w.dtype(), w.length());
            }
            Storage before = l.before;
            org.jgrad.tensor.kernel.Parallel.forRange(w.length(), 65_536, (from, to) -> w.copyTo(from, before, from, to - from));
        }
    }

    private boolean recording() {
        return (step - 1) % every == 0;
    }

    @Override
    public void afterStep(StepInfo s) {
        if (!recording()) {
            return;
        }
        for (int i = 0; i < layers.size(); i++) {
            Layer l = layers.get(i);
            Parameter w = l.linear.weight();
            double gradNorm = Stats.norm(w.grad().storage(), null);
            if (l.linear.bias() != null) {
                gradNorm = Math.hypot(gradNorm, Stats.norm(l.linear.bias().grad().storage(), null));
            }
            double weightNorm = Stats.norm(w.data().storage(), null);
            double update = Stats.norm(w.data().storage(), l.before);
            if (step <= 3 || (step - 1) % SYMMETRY_EVERY == 0) {
                l.distinctRows = distinctRows(w.data()); // O(weights) with hashing: not every step
            }
            int distinct = l.distinctRows;
            rows.add(new Row(step, s.epoch(), l.name, gradNorm, weightNorm, weightNorm == 0 ? Double.NaN : update / weightNorm,
                    l.actMean, l.actStd, l.dead, l.saturated, distinct));
            check(l, i, gradNorm, distinct, w.shape()[0]);
        }
    }

    private void check(Layer l, int index, double gradNorm, int distinct, int units) {
        double first = firstGradNorm.computeIfAbsent(l.name, k -> gradNorm);
        if (!Double.isFinite(gradNorm)) {
            once("explode:" + l.name, String.format(Locale.ROOT, "jgrad health: layer %s: the gradient norm is %s at step %d"
                    + " (exploding or NaN gradients); lower the learning rate, clip gradients or check the data", l.name, gradNorm, step));
        } else if (gradNorm > explodeFactor * Math.max(first, EXPLODE_REFERENCE_FLOOR)) {
            once("explode:" + l.name, String.format(Locale.ROOT, "jgrad health: layer %s: the gradient norm grew from %.3g"
                    + " to %.3g by step %d (exploding gradients); lower the learning rate or clip gradients", l.name, first, gradNorm, step));
        }
        if (index == 0 && layers.size() > 1 && gradNorm < vanishNorm) {
            once("vanish:" + l.name, String.format(Locale.ROOT, "jgrad health: layer %s: the gradient norm is %.3g at step %d"
                    + " (vanishing gradients in an early layer); try ReLU, Xavier/He initialization or a shallower net",
                    l.name, gradNorm, step));
        }
        if (units > 1 && distinct == 1) {
            once("symmetry:" + l.name, String.format(Locale.ROOT, "jgrad health: layer %s: all %d units have identical"
                    + " weights at step %d (symmetry is not broken); initialize the weights randomly", l.name, units, step));
        }
    }

    private void once(String key, String message) {
        if (warned.add(key)) {
            warnings.add(message);
            warn.accept(message);
        }
    }

    /** How many different rows a weight matrix has (1: every unit has the same incoming weights). */
    public static int distinctRows(Tensor w) {
        int[] s = w.shape();
        int cols = s[1];
        float[] v = w.toFloatArray();
        Map<Integer, List<Integer>> byHash = new java.util.HashMap<>();
        int distinct = 0;
        for (int r = 0; r < s[0]; r++) {
            int h = 1;
            for (int c = r * cols; c < (r + 1) * cols; c++) {
                h = 31 * h + Float.floatToIntBits(v[c]);
            }
            List<Integer> same = byHash.computeIfAbsent(h, k -> new ArrayList<>());
            boolean seen = false;
            for (int q : same) {
                if (java.util.Arrays.equals(v, r * cols, (r + 1) * cols, v, q * cols, (q + 1) * cols)) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                same.add(r);
                distinct++;
            }
        }
        return distinct;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Warnings given so far, in order. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Every row as CSV with a header. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("step,epoch,layer,grad_norm,weight_norm,update_ratio,act_mean,act_std,dead_fraction,"
                + "saturated_fraction,distinct_rows\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%s,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%.6g,%d%n", r.step(), r.epoch(),
                    r.layer(), r.gradNorm(), r.weightNorm(), r.updateRatio(), r.activationMean(), r.activationStd(),
                    r.deadFraction(), r.saturatedFraction(), r.distinctRows()));
        }
        return sb.toString();
    }
}
