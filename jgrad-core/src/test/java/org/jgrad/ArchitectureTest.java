package org.jgrad;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the style guide asks for, checked: kernels know nothing of autograd or tensors'
 * graph; optimizers know nothing of modules; training knows none of the diagnostics that plug
 * into it; nothing outside the provider names the Vector-API classes.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.jgrad");
    }

    @Test
    void kernelsKnowNothingOfAutogradOrLayers() {
        noClasses().that().resideInAnyPackage("org.jgrad.tensor.kernel..", "org.jgrad.internal.simd..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jgrad.autograd..", "org.jgrad.nn..", "org.jgrad.train..")
                .check(classes);
    }

    @Test
    void optimizersTakeTensorsNotModules() {
        noClasses().that().resideInAPackage("org.jgrad.optim..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jgrad.nn..", "org.jgrad.train..", "org.jgrad.data..")
                .check(classes);
    }

    @Test
    void trainingKnowsNoDiagnostics() {
        noClasses().that().resideInAnyPackage("org.jgrad.train..", "org.jgrad.nn..", "org.jgrad.autograd..")
                .should().dependOnClassesThat().resideInAPackage("org.jgrad.diagnostics..")
                .check(classes);
    }

    @Test
    void onlyTheProviderReachesTheVectorKernels() {
        noClasses().that().resideOutsideOfPackage("org.jgrad.internal.simd..")
                .should().dependOnClassesThat().resideInAPackage("org.jgrad.internal.simd..")
                .check(classes);
    }
}
