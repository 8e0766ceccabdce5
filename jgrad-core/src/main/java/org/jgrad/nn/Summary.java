package org.jgrad.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jgrad.autograd.Autograd;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/** The table {@link Module#summary} prints: each leaf layer, its output shape and parameter count. */
final class Summary {
    private Summary() {
    }

    static String of(Module root, int[] inputShape) {
        List<String[]> rows = new ArrayList<>();
        List<Runnable> removers = new ArrayList<>();
        Map<String, Module> leaves = new java.util.LinkedHashMap<>();
        collectLeaves("", root, leaves);
        leaves.forEach((name, m) -> removers.add(m.registerForwardHook((mod, in, out) -> {
            long params = 0;
            for (Parameter p : mod.namedParameters().values()) {
                params += p.count();
            }
            rows.add(new String[] {name, mod.describe(), Shapes.toString(out.shape()), String.format(Locale.ROOT, "%,d", params)});
        })));
        boolean wasTraining = root.isTraining();
        try (var scope = Autograd.pause()) {
            root.eval();
            root.forward(Tensor.zeros(root.parameters().isEmpty() ? org.jgrad.tensor.DType.FLOAT32
                    : root.parameters().get(0).dtype(), inputShape));
        } finally {
            removers.forEach(Runnable::run);
            if (wasTraining) {
                root.train();
            }
        }
        String[] header = {"layer", "type", "output shape", "parameters"};
        int[] w = new int[4];
        for (int c = 0; c < 4; c++) {
            w[c] = header[c].length();
            for (String[] r : rows) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s%n";
        sb.append(String.format(Locale.ROOT, "input %s%n", Shapes.toString(inputShape)));
        sb.append(String.format(Locale.ROOT, fmt, (Object[]) header));
        for (String[] r : rows) {
            sb.append(String.format(Locale.ROOT, fmt, (Object[]) r));
        }
        sb.append(String.format(Locale.ROOT, "total parameters: %,d%n", root.parameterCount()));
        return sb.toString();
    }

    private static void collectLeaves(String prefix, Module m, Map<String, Module> out) {
        if (m.children().isEmpty()) {
            out.put(prefix.isEmpty() ? "(root)" : prefix.substring(0, prefix.length() - 1), m);
            return;
        }
        m.children().forEach((n, c) -> collectLeaves(prefix + n + ".", c, out));
    }
}
