package org.jgrad.autograd.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jgrad.diagnostics.GradCheck;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every differentiable op, in one table, checked against central finite differences in float64 on
 * seeded random inputs of several shapes, broadcast shapes included. A test below fails when an
 * op class gains a public method that the table does not cover, so no op goes unchecked.
 */
class OpGradTest {

    /** Where an op's inputs are drawn from: away from poles, kinks and domain edges. */
    enum Domain {
        ANY, POSITIVE, AWAY_FROM_ZERO, LABELS;

        Tensor draw(Rng rng, int[] shape, int classes) {
            Tensor t = Tensor.zeros(DType.FLOAT64, shape);
            for (int i = 0; i < t.size(); i++) {
                double v;
                switch (this) {
                    case POSITIVE: v = 0.5 + 1.5 * rng.nextDouble(); break;
                    case AWAY_FROM_ZERO: v = (0.3 + rng.nextDouble()) * (rng.nextDouble() < 0.5 ? -1 : 1); break;
                    case LABELS: v = rng.nextInt(classes); break;
                    default: v = rng.nextGaussian(); break;
                }
                t.storage().set(i, v);
            }
            return t;
        }
    }

    /** One row of the table: the op methods it covers, input domains, shape sets, and the function. */
    record OpCase(String name, Set<String> covers, Domain[] domains, int[][][] shapeSets, Function<Tensor[], Tensor> f) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static int[][] shapes(int[]... s) {
        return s;
    }

    private static int[] s(int... dims) {
        return dims;
    }

    private static OpCase op(String name, String covers, Domain[] domains, int[][][] shapeSets, Function<Tensor[], Tensor> f) {
        return new OpCase(name, new LinkedHashSet<>(Arrays.asList(covers.split(","))), domains, shapeSets, f);
    }

    private static Domain[] d(Domain... ds) {
        return ds;
    }

    private static final int[][][] BINARY = {
        shapes(s(3, 4), s(3, 4)),
        shapes(s(3, 4), s(4)),
        shapes(s(2, 1, 4), s(3, 1)),
        shapes(s(), s(3)),
        shapes(s(5), s()),
        shapes(s(2, 3, 1), s(1, 1, 4))
    };
    private static final int[][][] UNARY = {shapes(s()), shapes(s(4)), shapes(s(2, 3, 2))};
    private static final Domain A = Domain.ANY;
    private static final Domain P = Domain.POSITIVE;
    private static final Domain Z = Domain.AWAY_FROM_ZERO;

    static final List<OpCase> TABLE = List.of(
        op("add", "add", d(A, A), BINARY, in -> in[0].add(in[1])),
        op("sub", "sub", d(A, A), BINARY, in -> in[0].sub(in[1])),
        op("mul", "mul", d(A, A), BINARY, in -> in[0].mul(in[1])),
        op("div", "div", d(A, Z), BINARY, in -> in[0].div(in[1])),
        op("neg", "neg", d(A), UNARY, in -> in[0].neg()),
        op("pow(tensor)", "pow", d(P, A), BINARY, in -> in[0].pow(in[1])),
        op("pow(3)", "pow", d(A), UNARY, in -> in[0].pow(3)),
        op("square", "pow", d(A), UNARY, in -> in[0].square()),
        op("sqrt", "sqrt", d(P), UNARY, in -> in[0].sqrt()),
        op("exp", "exp", d(A), UNARY, in -> in[0].exp()),
        op("log", "log", d(P), UNARY, in -> in[0].log()),
        op("abs", "abs", d(Z), UNARY, in -> in[0].abs()),
        op("maximum", "maximum", d(A, A), BINARY, in -> in[0].maximum(in[1])),
        op("minimum", "minimum", d(A, A), BINARY, in -> in[0].minimum(in[1])),
        op("clip", "maximum,minimum", d(A), UNARY, in -> in[0].clip(-0.5, 0.7)),
        op("relu", "relu", d(Z), UNARY, in -> in[0].relu()),
        op("sigmoid", "sigmoid", d(A), UNARY, in -> in[0].sigmoid()),
        op("tanh", "tanh", d(A), UNARY, in -> in[0].tanh()),
        op("sum()", "sum", d(A), UNARY, in -> in[0].sum()),
        op("sum(axis)", "sum", d(A), shapes1(s(3, 4), s(2, 3, 4)), in -> in[0].sum(-1)),
        op("sum(axes, keepDims)", "sum", d(A), shapes1(s(2, 3, 4)), in -> in[0].sum(new int[] {0, 2}, true)),
        op("mean", "mean", d(A), shapes1(s(2, 3, 4)), in -> in[0].mean(1)),
        op("max(axis)", "max", d(A), shapes1(s(3, 4), s(2, 3, 4)), in -> in[0].max(1)),
        op("max()", "max", d(A), UNARY, in -> in[0].max()),
        op("min(axes)", "min", d(A), shapes1(s(2, 3, 4)), in -> in[0].min(new int[] {0, 2}, false)),
        op("norm", "sum,sqrt,mul", d(Z), UNARY, in -> in[0].norm()),
        op("reshape", "reshape", d(A), shapes1(s(2, 6)), in -> in[0].reshape(3, -1).mul(in[0].reshape(3, 4))),
        op("transpose", "permute", d(A), shapes1(s(3, 4)), in -> in[0].transpose().mul(Tensor.arange(0, 12, 1, DType.FLOAT64).reshape(4, 3))),
        op("transpose(axes)", "permute", d(A), shapes1(s(2, 3, 4)), in -> in[0].transpose(2, 0, 1).mul(Tensor.arange(0, 24, 1, DType.FLOAT64).reshape(4, 2, 3))),
        op("slice", "slice", d(A), shapes1(s(4, 5)), in -> in[0].slice(1, 1, 4).square()),
        op("slice(negative)", "slice", d(A), shapes1(s(2, 4, 3)), in -> in[0].slice(-2, -3, -1).square()),
        op("concat", "concat", d(A, A), new int[][][] {shapes(s(2, 3), s(2, 2))},
            in -> Tensor.concat(1, in[0], in[1]).square()),
        op("stack", "stack", d(A, A), new int[][][] {shapes(s(2, 3), s(2, 3))}, in -> Tensor.stack(1, in[0], in[1]).square()),
        op("broadcastTo", "broadcastTo,sumTo", d(A), shapes1(s(3, 1)), in -> in[0].broadcastTo(2, 3, 4).square()),
        op("pick", "pick", d(A), shapes1(s(4, 5)), in -> in[0].pick(Tensor.of(new double[] {0, 4, 2, 2})).square()),
        op("pick(axis 0)", "pick", d(A), shapes1(s(3, 2)), in -> in[0].pick(Tensor.of(new double[] {2, 0}), 0).square()),
        op("take", "take", d(A), shapes1(s(4, 3)), in -> in[0].take(new int[] {3, 0, 3}, 0).square()),
        op("matmul", "matmul,mm", d(A, A), new int[][][] {shapes(s(3, 4), s(4, 2)), shapes(s(2, 3, 4), s(4, 5)),
            shapes(s(2, 1, 3, 4), s(3, 4, 2)), shapes(s(4), s(4, 3)), shapes(s(3, 4), s(4))}, in -> in[0].matmul(in[1])),
        op("mm(A·Bᵀ)", "mm", d(A, A), new int[][][] {shapes(s(3, 4), s(2, 4))}, in -> LinalgOps.mm(in[0], in[1], false, true)),
        op("mm(Aᵀ·B)", "mm", d(A, A), new int[][][] {shapes(s(4, 3), s(4, 2))}, in -> LinalgOps.mm(in[0], in[1], true, false)),
        op("mm(Aᵀ·Bᵀ)", "mm", d(A, A), new int[][][] {shapes(s(2, 4, 3), s(2, 4))}, in -> LinalgOps.mm(in[0], in[1], true, true)),
        op("linear", "linear", d(A, A, A), new int[][][] {shapes(s(4, 3), s(5, 3), s(5))},
            in -> LinalgOps.linear(in[0], in[1], in[2])),
        op("linear without bias", "linear", d(A, A), new int[][][] {shapes(s(1, 3), s(2, 3))},
            in -> LinalgOps.linear(in[0], in[1], null)),
        op("linear with relu", "linearRelu", d(A, A, A), new int[][][] {shapes(s(4, 3), s(5, 3), s(5))},
            in -> LinalgOps.linearRelu(in[0], in[1], in[2])),
        op("dot", "dot", d(A, A), new int[][][] {shapes(s(5), s(5))}, in -> in[0].dot(in[1])),
        op("logSoftmax", "logSoftmax", d(A), shapes1(s(3, 5), s(2, 4, 3)), in -> in[0].logSoftmax(1).mul(in[0])),
        op("softmax", "softmax", d(A), shapes1(s(3, 5)), in -> in[0].softmax(-1).square()),
        op("softmaxCrossEntropy", "softmaxCrossEntropy", d(A), shapes1(s(4, 5)),
            in -> SoftmaxOps.softmaxCrossEntropy(in[0], Tensor.of(new double[] {1, 4, 0, 1}))),
        op("astype round trip", "astype", d(A), UNARY, in -> in[0].astype(DType.FLOAT64).mul(in[0]))
    );

    private static int[][][] shapes1(int[]... single) {
        int[][][] out = new int[single.length][][];
        for (int i = 0; i < single.length; i++) {
            out[i] = new int[][] {single[i]};
        }
        return out;
    }

    /** Public static methods of the op families that take no derivative, with the reason. */
    private static final Set<String> NOT_DIFFERENTIABLE = Set.of(
        "compare",  // masks
        "sign",     // piecewise constant
        "argmax", "argmin", "oneHot", "indices");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (OpCase c : TABLE) {
            for (int[][] shapeSet : c.shapeSets()) {
                for (long seed = 1; seed <= 2; seed++) {
                    out.add(Arguments.of(c, shapeSet, seed));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} seed {2}")
    @MethodSource("cases")
    void gradientMatchesFiniteDifferences(OpCase c, int[][] shapeSet, long seed) {
        Rng rng = new Rng(seed * 7919 + c.name().hashCode());
        Tensor[] inputs = new Tensor[shapeSet.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = c.domains()[i].draw(rng, shapeSet[i], 5);
        }
        GradCheck.Report r = GradCheck.withDefaults().seed(seed).run(c.name(), c.f(), inputs);
        assertThat(r.passed()).as(r.toString()).isTrue();
        assertThat(r.checked()).isEqualTo(Arrays.stream(inputs).mapToInt(Tensor::size).sum());
    }

    @Test
    void everyPublicOpIsInTheTable() {
        Set<String> covered = new LinkedHashSet<>();
        TABLE.forEach(c -> covered.addAll(c.covers()));
        List<String> missing = new ArrayList<>();
        for (Class<?> family : List.of(ArithmeticOps.class, UnaryMathOps.class, ReductionOps.class, ShapeOps.class,
                IndexOps.class, LinalgOps.class, SoftmaxOps.class, BroadcastOps.class, CastOps.class)) {
            for (Method m : family.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && !covered.contains(m.getName()) && !NOT_DIFFERENTIABLE.contains(m.getName())) {
                    missing.add(family.getSimpleName() + "." + m.getName());
                }
            }
        }
        assertThat(missing).as("ops without a gradient check in OpGradTest.TABLE").isEmpty();
    }
}
