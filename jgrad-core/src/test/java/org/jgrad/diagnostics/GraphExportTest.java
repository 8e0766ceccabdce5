package org.jgrad.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jgrad.autograd.Autograd;
import org.jgrad.chapter.SeedNetwork;
import org.jgrad.nn.Linear;
import org.jgrad.nn.Sequential;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GraphExportTest {

    /** label → list of labels it points to, read back from the DOT text. */
    private static List<String[]> edgesByLabel(String dot) {
        java.util.Map<String, String> labels = new java.util.HashMap<>();
        Matcher m = Pattern.compile("(\\w+) \\[[^\\]]*label=\"([^\"]*)\"").matcher(dot);
        while (m.find()) {
            labels.put(m.group(1), m.group(2).split("\\\\n")[0]);
        }
        List<String[]> edges = new ArrayList<>();
        Matcher e = Pattern.compile("(\\w+) -> (\\w+);").matcher(dot);
        while (e.find()) {
            edges.add(new String[] {labels.get(e.group(1)), labels.get(e.group(2))});
        }
        return edges;
    }

    private static boolean hasPath(List<String[]> edges, String from, String to) {
        // from → op box → to (one hop through an op)
        for (String[] a : edges) {
            if (a[0].equals(from)) {
                for (String[] b : edges) {
                    if (b[0].equals(a[1]) && b[1].equals(to)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void theSeedNetworkComesOutAsTheChapterDrawsIt() {
        SeedNetwork.Result r = SeedNetwork.random(new Rng(1), 5, 4, 3, 0.1, DType.FLOAT64);
        String dot = GraphExport.of(r.J()).collapseUnnamed(true).toDot();
        List<String[]> edges = edgesByLabel(dot);
        assertThat(hasPath(edges, "x", "z")).isTrue();
        assertThat(hasPath(edges, "W1", "z")).isTrue();
        assertThat(hasPath(edges, "z", "h")).isTrue();
        assertThat(hasPath(edges, "h", "o")).isTrue();
        assertThat(hasPath(edges, "W2", "o")).isTrue();
        assertThat(hasPath(edges, "o", "L")).isTrue();
        assertThat(hasPath(edges, "W1", "s")).isTrue();
        assertThat(hasPath(edges, "W2", "s")).isTrue();
        assertThat(hasPath(edges, "L", "J")).isTrue();
        assertThat(hasPath(edges, "s", "J")).isTrue();
        assertThat(hasPath(edges, "x", "o")).isFalse();
        assertThat(dot).contains("requires grad").contains("(4,5) float64").contains("keeps ");
        // parameters are drawn once each, filled as leaves
        assertThat(dot.split("label=\"W1\\\\n", -1)).hasSize(2);
    }

    @Test
    void theFullGraphShowsEveryOp() {
        SeedNetwork.Result r = SeedNetwork.random(new Rng(1), 5, 4, 3, 0.1, DType.FLOAT64);
        String dot = GraphExport.of(r.J()).toDot();
        assertThat(dot).contains("label=\"matmul\\n").contains("label=\"relu\\n").contains("label=\"softmax_cross_entropy\\n")
                .contains("label=\"pow\\n");
    }

    @Test
    void parametersAppearUnderTheirModuleNames() {
        Sequential net = new Sequential(new Linear(3, 2, true, DType.FLOAT32));
        net.initialize();
        Tensor y;
        try (var scope = Autograd.record()) {
            y = net.forward(Tensor.ones(4, 2)).sum();
        }
        assertThat(GraphExport.of(y).toDot()).contains("0.weight\\n(3,2) float32\\nrequires grad").contains("0.bias\\n(3,) float32");
    }

    @Test
    void rendersSvgWithGraphviz() {
        assumeTrue(GraphExport.isGraphvizAvailable(), "Graphviz 'dot' is not installed (apt-get install graphviz)");
        SeedNetwork.Result r = SeedNetwork.random(new Rng(1), 5, 4, 3, 0.1, DType.FLOAT64);
        String svg = GraphExport.of(r.J()).collapseUnnamed(true).toSvg();
        assertThat(svg).contains("<svg").contains(">W1<").contains(">J<");
    }

    @Test
    void aTensorWithoutAGraphIsAClearError() {
        assertThatThrownBy(() -> GraphExport.of(Tensor.ones(2))).hasMessageContaining("has no recorded graph");
    }
}
