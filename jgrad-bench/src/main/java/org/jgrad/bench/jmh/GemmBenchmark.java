package org.jgrad.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.jgrad.tensor.DType;
import org.jgrad.tensor.Rng;
import org.jgrad.tensor.Tensor;
import org.jgrad.tensor.kernel.KernelProvider;
import org.jgrad.tensor.kernel.Kernels;
import org.jgrad.tensor.kernel.Storage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** float32 GEMM C = A·B at square sizes and the MLP's shapes ("m,n,k"); GFLOP/s = 2mnk / time. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-XX:-UseCountedLoopSafepoints"})
public class GemmBenchmark {
    @Param({"256,256,256", "1024,1024,1024", "256,256,784", "784,256,256", "256,10,256"})
    public String shape;

    private Kernels kernels;
    private Storage a;
    private Storage b;
    private Storage c;
    private int m;
    private int n;
    private int k;

    @Setup
    public void setup() {
        String[] s = shape.split(",");
        m = Integer.parseInt(s[0]);
        n = Integer.parseInt(s[1]);
        k = Integer.parseInt(s[2]);
        kernels = KernelProvider.get();
        Rng rng = new Rng(1);
        a = Tensor.randomUniform(rng, -1, 1, m, k).storage();
        b = Tensor.randomUniform(rng, -1, 1, k, n).storage();
        c = Storage.allocate(DType.FLOAT32, m * n);
    }

    @Benchmark
    public Storage sgemm() {
        kernels.gemm(false, false, m, n, k, a, 0, k, b, 0, n, 0, c, 0, n);
        return c;
    }
}
