package org.jgrad.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.BinaryOp;
import org.jgrad.tensor.kernel.KernelProvider;
import org.jgrad.tensor.kernel.Kernels;
import org.jgrad.tensor.kernel.Storage;
import org.jgrad.tensor.kernel.UnaryOp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** relu and add over 16M floats (GB/s = bytes read and written / time). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:-UseCountedLoopSafepoints"})
public class ElementwiseBenchmark {
    private static final int N = 1 << 24;
    private Kernels kernels;
    private Storage x;
    private Storage y;
    private Storage out;
    private final int[] shape = {N};

    @Setup
    public void setup() {
        kernels = KernelProvider.get();
        x = Tensor.randomUniform(new Rng(1), -1, 1, N).storage();
        y = Tensor.randomUniform(new Rng(2), -1, 1, N).storage();
        out = Storage.allocate(DType.FLOAT32, N);
    }

    @Benchmark
    public Storage relu() {
        kernels.unary(UnaryOp.RELU, x, out);
        return out;
    }

    @Benchmark
    public Storage add() {
        kernels.binary(BinaryOp.ADD, x, shape, y, shape, out, shape);
        return out;
    }
}
