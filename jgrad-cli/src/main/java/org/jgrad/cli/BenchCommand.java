package org.jgrad.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jgrad.bench.BenchSuite;
import org.jgrad.io.JsonExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jgrad bench}: GEMM, element-wise, training-step and per-step-overhead figures for this JVM and thread count. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure GEMM GFLOP/s, element-wise GB/s, training samples/s and the tiny-MLP step time "
                + "(medians after warm-up) on the running JVM. bench/compare.py puts them beside numpy and PyTorch.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--threads", description = "Worker threads (default: JGRAD_NUM_THREADS or the core count).")
    Integer threads;

    @Option(names = "--quick", description = "Short warm-up and rounds (a smoke run, figures less stable).")
    boolean quick;

    @Option(names = "--only", description = "One group: gemm, elementwise, training or tiny.")
    String only;

    @Option(names = "--json", description = "Also write the figures and the environment as JSON here.")
    Path json;

    @Override
    public Integer call() throws Exception {
        Threads.apply(threads);
        BenchSuite suite = new BenchSuite(quick);
        if (only == null) {
            suite.runAll();
        } else {
            switch (only) {
                case "gemm": suite.gemm(); break;
                case "elementwise": suite.elementwise(); break;
                case "training": suite.training(); break;
                case "tiny": suite.tinyStep(); break;
                default: throw new IllegalArgumentException("unknown --only '" + only + "': use gemm, elementwise, training or tiny");
            }
        }
        System.out.print(suite.table());
        if (json != null) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("environment", BenchSuite.environment());
            out.put("rows", suite.rows());
            JsonExport.write(json, out);
        }
        return 0;
    }
}
