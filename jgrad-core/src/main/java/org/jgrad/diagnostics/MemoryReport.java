package org.jgrad.diagnostics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import org.jgrad.autograd.Edge;
import org.jgrad.autograd.Node;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.Storage;

/**
 * What a recorded graph keeps alive for backward, node by node: the bytes of the values each op
 * saved. Values shared by several nodes count once in the total; parameters (leaves with an
 * attached gradient, which live anyway) are reported apart from activations, the intermediates
 * that make backprop cost memory and that grow with batch size and depth.
 */
public final class MemoryReport {

    /** One node: its op, output shape and the bytes it saved (activations and parameters). */
    public record Row(long sequence, String op, String output, int[] outputShape, long activationBytes, long parameterBytes) {
    }

    private final List<Row> rows;
    private final long activationBytes;
    private final long parameterBytes;

    private MemoryReport(List<Row> rows, long activationBytes, long parameterBytes) {
        this.rows = rows;
        this.activationBytes = activationBytes;
        this.parameterBytes = parameterBytes;
    }

    /** The report for the graph that produced head, as it stands now (after backward, freed nodes keep 0). */
    public static MemoryReport of(Tensor head) {
        List<Row> rows = new ArrayList<>();
        IdentityHashMap<Storage, Boolean> seen = new IdentityHashMap<>();
        long[] totals = new long[2];
        for (Node n : nodes(head)) {
            long act = 0;
            long par = 0;
            for (Tensor t : n.savedTensors()) {
                if (t == null) {
                    continue;
                }
                long b = t.storage().bytes();
                boolean parameter = isParameter(t);
                if (parameter) {
                    par += b;
                } else {
                    act += b;
                }
                if (seen.put(t.storage(), Boolean.TRUE) == null) {
                    totals[parameter ? 1 : 0] += b;
                }
            }
            rows.add(new Row(n.sequence(), n.op(), n.outputName(), n.outputShape(), act, par));
        }
        rows.sort(Comparator.comparingLong(Row::sequence));
        return new MemoryReport(rows, totals[0], totals[1]);
    }

    static boolean isParameter(Tensor t) {
        return t.autogradMeta().attached() && t.autogradMeta().gradFn() == null;
    }

    /** Every node reachable from head's producer, each once. */
    static List<Node> nodes(Tensor head) {
        List<Node> out = new ArrayList<>();
        Node root = head.gradFn();
        if (root == null) {
            return out;
        }
        IdentityHashMap<Node, Boolean> seen = new IdentityHashMap<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        seen.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            out.add(n);
            for (Edge e : n.inputs()) {
                if (e.node() != null && seen.put(e.node(), Boolean.TRUE) == null) {
                    stack.push(e.node());
                }
            }
        }
        return out;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Distinct activation bytes kept for backward (parameters excluded). */
    public long activationBytes() {
        return activationBytes;
    }

    /** Distinct parameter bytes that nodes refer to (alive anyway, listed for completeness). */
    public long parameterBytes() {
        return parameterBytes;
    }

    /** A table: one line per op in recording order, then the totals. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-4s %-22s %-10s %-14s %14s %14s%n",
                "#", "op", "output", "shape", "activations", "parameters"));
        int i = 0;
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%-4d %-22s %-10s %-14s %14s %14s%n", i++, r.op(),
                    r.output() == null ? "" : r.output(), Shapes.toString(r.outputShape()), bytes(r.activationBytes()),
                    bytes(r.parameterBytes())));
        }
        sb.append(String.format(Locale.ROOT, "retained for backward: %s of activations (distinct), %s of parameters%n",
                bytes(activationBytes), bytes(parameterBytes)));
        return sb.toString();
    }

    /** 1536 → "1.5 KiB". */
    public static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        double v = b;
        String[] units = {"KiB", "MiB", "GiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
