package org.jgrad.autograd;

import org.jgrad.tensor.DType;
import org.jgrad.tensor.Shapes;
import org.jgrad.tensor.Tensor;

/**
 * One input of a recorded op: either the node that produced it, a leaf that attached a gradient,
 * or a constant (neither; backward sends it nothing). A constant edge keeps only its shape, dtype
 * and name, never its values, so the graph does not keep inputs alive.
 */
public final class Edge {
    private final Node node;
    private final Tensor leaf;
    private final int[] shape;
    private final DType dtype;
    private final String constantName;

    Edge(Node node, Tensor leaf, int[] shape, DType dtype, String constantName) {
        this.node = node;
        this.leaf = leaf;
        this.shape = shape;
        this.dtype = dtype;
        this.constantName = constantName;
    }

    /** The producing node, or null for a leaf or constant. */
    public Node node() {
        return node;
    }

    /** The leaf tensor that attached a gradient, or null. */
    public Tensor leaf() {
        return leaf;
    }

    /** True when backward must send a gradient along this edge. */
    public boolean needsGrad() {
        return node != null || leaf != null;
    }

    public int[] shape() {
        return shape.clone();
    }

    int[] shapeRef() {
        return shape;
    }

    public DType dtype() {
        return dtype;
    }

    /** The input's name if it had one: the leaf's current name, a node's output name, or a constant's name when recorded. */
    public String name() {
        if (leaf != null) {
            return leaf.name();
        }
        if (node != null) {
            return node.outputName();
        }
        return constantName;
    }

    @Override
    public String toString() {
        String kind = node != null ? node.op() : leaf != null ? "leaf" : "constant";
        return kind + Shapes.toString(shape);
    }
}
