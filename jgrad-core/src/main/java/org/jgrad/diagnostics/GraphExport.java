package org.jgrad.diagnostics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jgrad.autograd.Edge;
import org.jgrad.autograd.Node;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * The computational graph recorded by {@code Autograd.record()} as Graphviz DOT: op nodes (boxes,
 * with the bytes each keeps for backward) and tensor nodes (ellipses, with name, shape and dtype;
 * leaves that require a gradient filled, parameters under their module names). With
 * {@link #collapseUnnamed(boolean)} the ops between named tensors merge into one box, so a graph
 * whose user named x, W1, z, h, W2, o, L, s and J comes out as the chapter draws it.
 * {@link #toSvg()} renders with the {@code dot} program when it is installed.
 */
public final class GraphExport {
    private final Tensor head;
    private boolean collapse;
    private boolean showScalars;

    private GraphExport(Tensor head) {
        this.head = head;
    }

    public static GraphExport of(Tensor head) {
        if (head.gradFn() == null) {
            throw new IllegalArgumentException("GraphExport: " + head.describe() + " has no recorded graph; compute it"
                    + " inside Autograd.record() from tensors that called attachGrad()");
        }
        return new GraphExport(head);
    }

    /** Merge ops whose outputs have no name into the next named result (default off). */
    public GraphExport collapseUnnamed(boolean on) {
        this.collapse = on;
        return this;
    }

    /** Also draw unnamed 0-d constants such as the 2 of x² (default off: they clutter). */
    public GraphExport showScalarConstants(boolean on) {
        this.showScalars = on;
        return this;
    }

    /** The graph as DOT text. */
    public String toDot() {
        List<Node> nodes = MemoryReport.nodes(head);
        nodes.sort(Comparator.comparingLong(Node::sequence));
        Map<Node, Node> group = groups(nodes);
        StringBuilder sb = new StringBuilder();
        sb.append("digraph computational_graph {\n")
          .append("  rankdir=LR;\n")
          .append("  node [fontname=\"Helvetica\", fontsize=11];\n")
          .append("  edge [color=\"#555555\"];\n");
        Map<Node, List<Node>> members = new LinkedHashMap<>();
        for (Node n : nodes) {
            members.computeIfAbsent(group.get(n), k -> new ArrayList<>()).add(n);
        }
        IdentityHashMap<Object, String> ids = new IdentityHashMap<>();
        int[] counter = {0};
        for (Map.Entry<Node, List<Node>> e : members.entrySet()) {
            Node sink = e.getKey();
            String opId = id(ids, sink, counter, "op");
            StringBuilder ops = new StringBuilder();
            long bytes = 0;
            for (Node m : e.getValue()) {
                ops.append(ops.length() == 0 ? "" : " → ").append(m.op());
                bytes += m.savedBytes();
            }
            sb.append(String.format(Locale.ROOT, "  %s [shape=box, style=\"rounded,filled\", fillcolor=\"#e8eef7\", label=\"%s\\nkeeps %s\"];%n",
                    opId, escape(ops.toString()), MemoryReport.bytes(bytes)));
            // the group's output tensor
            String outId = opId + "_out";
            sb.append(String.format(Locale.ROOT, "  %s [shape=ellipse, label=\"%s\"];%n", outId,
                    escape(tensorLabel(sink.outputName(), sink.outputShape(), sink.outputDType().toString()))));
            sb.append(String.format(Locale.ROOT, "  %s -> %s;%n", opId, outId));
            // inputs from outside the group
            for (Node m : e.getValue()) {
                for (Edge in : m.inputs()) {
                    if (in.node() != null && group.get(in.node()) == sink) {
                        continue;
                    }
                    String src = inputId(sb, in, ids, counter, group);
                    if (src != null) {
                        sb.append(String.format(Locale.ROOT, "  %s -> %s;%n", src, opId));
                    }
                }
            }
        }
        return sb.append("}\n").toString();
    }

    private String inputId(StringBuilder sb, Edge in, IdentityHashMap<Object, String> ids, int[] counter, Map<Node, Node> group) {
        if (in.node() != null) {
            return id(ids, group.get(in.node()), counter, "op") + "_out";
        }
        if (in.leaf() != null) {
            String known = ids.get(in.leaf());
            if (known != null) {
                return known;
            }
            String id = id(ids, in.leaf(), counter, "leaf");
            sb.append(String.format(Locale.ROOT, "  %s [shape=ellipse, style=filled, fillcolor=\"#ffe8a8\", label=\"%s\\nrequires grad\"];%n",
                    id, escape(tensorLabel(in.name(), in.shape(), in.dtype().toString()))));
            return id;
        }
        if (!showScalars && in.shape().length == 0 && in.name() == null) {
            return null;
        }
        String id = "c" + counter[0]++;
        sb.append(String.format(Locale.ROOT, "  %s [shape=ellipse, style=dashed, label=\"%s\"];%n", id,
                escape(tensorLabel(in.name() == null ? "constant" : in.name(), in.shape(), in.dtype().toString()))));
        return id;
    }

    /** Maps every node to the node that represents its group (itself unless collapsing). */
    private Map<Node, Node> groups(List<Node> nodes) {
        IdentityHashMap<Node, Node> parent = new IdentityHashMap<>();
        for (Node n : nodes) {
            parent.put(n, n);
        }
        if (collapse) {
            // nodes are in recording order, so a consumer comes after its producers: merge each
            // unnamed producer into its consumer's group, whose representative is the later node
            for (Node consumer : nodes) {
                for (Edge e : consumer.inputs()) {
                    Node producer = e.node();
                    if (producer != null && producer.outputName() == null && producer != head.gradFn()) {
                        union(parent, producer, consumer);
                    }
                }
            }
        }
        IdentityHashMap<Node, Node> out = new IdentityHashMap<>();
        for (Node n : nodes) {
            out.put(n, find(parent, n));
        }
        return out;
    }

    private static Node find(IdentityHashMap<Node, Node> parent, Node n) {
        while (parent.get(n) != n) {
            n = parent.get(n);
        }
        return n;
    }

    private static void union(IdentityHashMap<Node, Node> parent, Node a, Node b) {
        Node ra = find(parent, a);
        Node rb = find(parent, b);
        if (ra == rb) {
            return;
        }
        // the later-recorded root represents the group (it produces the group's output)
        if (ra.sequence() > rb.sequence()) {
            parent.put(rb, ra);
        } else {
            parent.put(ra, rb);
        }
    }

    private static String id(IdentityHashMap<Object, String> ids, Object o, int[] counter, String prefix) {
        return ids.computeIfAbsent(o, k -> prefix + counter[0]++);
    }

    private static String tensorLabel(String name, int[] shape, String dtype) {
        return (name == null ? "" : name + "\n") + Shapes.toString(shape) + " " + dtype;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Whether the Graphviz {@code dot} program can be run. */
    public static boolean isGraphvizAvailable() {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The graph rendered as SVG by Graphviz. Without the {@code dot} program this fails with a
     * message that says how to install it and carries the DOT text to render elsewhere.
     */
    public String toSvg() {
        return new String(render("svg"), StandardCharsets.UTF_8);
    }

    /** The graph rendered as PNG by Graphviz; fails as {@link #toSvg()} does without it. */
    public byte[] toPng() {
        return render("png");
    }

    private byte[] render(String format) {
        String dot = toDot();
        try {
            Process p = new ProcessBuilder("dot", "-T" + format).start();
            p.getOutputStream().write(dot.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("GraphExport: Graphviz 'dot' failed: " + err.strip());
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("GraphExport: the Graphviz 'dot' program is not installed, so no picture can be"
                    + " drawn; install it (apt-get install graphviz) or render this DOT text elsewhere:\n" + dot, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GraphExport: interrupted while running Graphviz", e);
        }
    }
}
