package org.jgrad.tensor.kernel;

/**
 * Chooses jgrad's kernels once, at first use, and says why. The Vector-API kernels need the
 * incubator module {@code jdk.incubator.vector}; without it (or with {@code -Djgrad.scalar=true})
 * jgrad runs the scalar reference kernels, correct but several times slower, and says so once.
 */
public final class KernelProvider {
    /** System property that forces the scalar kernels (tests run both paths with it). */
    public static final String FORCE_SCALAR = "jgrad.scalar";
    private static final String VECTOR_KERNELS = "org.jgrad.internal.simd.VectorKernels";

    private static final Kernels KERNELS;
    private static final String REASON;

    static {
        String[] reason = new String[1];
        KERNELS = choose(reason);
        REASON = reason[0];
    }

    private KernelProvider() {
    }

    /** The kernels every op uses. */
    public static Kernels get() {
        return KERNELS;
    }

    /** One line on which kernels run and why, for logs and {@code jgrad bench}. */
    public static String describe() {
        return KERNELS.name() + " (" + REASON + ")";
    }

    /** The Vector-API kernels, or null where the incubator module is missing; for tests and benchmarks. */
    public static Kernels vectorOrNull() {
        try {
            return loadVector();
        } catch (Throwable t) {
            return null;
        }
    }

    private static Kernels choose(String[] reason) {
        if (Boolean.getBoolean(FORCE_SCALAR)) {
            reason[0] = "forced by -D" + FORCE_SCALAR + "=true";
            return new ScalarKernels();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            reason[0] = "the Vector API module is not loaded";
            warn("jgrad: the Vector API (jdk.incubator.vector) is not available, so jgrad runs its scalar kernels,"
                    + " which are several times slower. Start java with --add-modules jdk.incubator.vector"
                    + " (the ./jgrad launcher does).");
            return new ScalarKernels();
        }
        try {
            Kernels k = loadVector();
            reason[0] = "jdk.incubator.vector on Java " + Runtime.version().feature();
            return k;
        } catch (Throwable t) {
            reason[0] = "the Vector API failed to start: " + t;
            warn("jgrad: the Vector-API kernels could not start (" + t + "); running the scalar kernels.");
            return new ScalarKernels();
        }
    }

    private static Kernels loadVector() throws ReflectiveOperationException {
        return (Kernels) Class.forName(VECTOR_KERNELS).getConstructor().newInstance();
    }

    private static void warn(String message) {
        // one line on stderr, once per JVM: a startup notice, not a log stream
        System.err.println(message);
    }
}
