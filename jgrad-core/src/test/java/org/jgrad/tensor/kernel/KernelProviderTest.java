package org.jgrad.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The provider picks the kernels the JVM's settings ask for, and says which. */
class KernelProviderTest {

    @Test
    void choosesAccordingToTheJvm() {
        boolean forced = Boolean.getBoolean(KernelProvider.FORCE_SCALAR);
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (forced || !vectorModule) {
            assertThat(KernelProvider.get()).isExactlyInstanceOf(ScalarKernels.class);
            assertThat(KernelProvider.describe()).startsWith("scalar (");
        } else {
            assertThat(KernelProvider.get().getClass().getName()).isEqualTo("org.jgrad.internal.simd.VectorKernels");
            assertThat(KernelProvider.describe()).startsWith("vector(").contains("jdk.incubator.vector");
        }
    }
}
