package dev.millrace.compliance.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Enforces the module layering of DESIGN.md: windowing ← model ← runners/core ← each runner; io
 * and examples depend on the model only; no runner depends on another; user-facing code (io,
 * examples) does not reach into internal packages of the model or runners.
 */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.millrace");
  }

  @Test
  void windowingDependsOnNothingElseOfMillrace() {
    noClasses().that().resideInAPackage("dev.millrace.windowing..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.millrace", "dev.millrace.values..", "dev.millrace.transforms..",
            "dev.millrace.coders..", "dev.millrace.options..", "dev.millrace.runners..",
            "dev.millrace.io..", "dev.millrace.examples..", "dev.millrace.testing..")
        .check(classes);
  }

  @Test
  void modelDoesNotDependOnRunnerImplementationsIoOrExamples() {
    noClasses().that().resideInAnyPackage(
            "dev.millrace", "dev.millrace.values..", "dev.millrace.transforms..",
            "dev.millrace.coders..", "dev.millrace.options..", "dev.millrace.metrics..",
            "dev.millrace.sources..", "dev.millrace.testing..", "dev.millrace.internal..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.millrace.runners.core..", "dev.millrace.runners.direct..",
            "dev.millrace.runners.microbatch..", "dev.millrace.runners.flink..",
            "dev.millrace.io..", "dev.millrace.examples..", "dev.millrace.compliance..")
        .check(classes);
  }

  @Test
  void runnersCoreDoesNotDependOnAnyRunner() {
    noClasses().that().resideInAPackage("dev.millrace.runners.core..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.millrace.runners.direct..", "dev.millrace.runners.microbatch..",
            "dev.millrace.runners.flink..")
        .check(classes);
  }

  @Test
  void directRunnerDependsOnNoOtherRunner() {
    noClasses().that().resideInAPackage("dev.millrace.runners.direct..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.millrace.runners.microbatch..", "dev.millrace.runners.flink..")
        .check(classes);
  }

  @Test
  void ioAndExamplesUseTheModelOnly() {
    noClasses().that().resideInAnyPackage("dev.millrace.io..", "dev.millrace.examples..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "dev.millrace.runners.core..", "dev.millrace.runners.direct..",
            "dev.millrace.runners.microbatch..", "dev.millrace.runners.flink..",
            "dev.millrace.windowing.core..", "dev.millrace.windowing.statemachine..")
        .check(classes);
  }

  @Test
  void examplesDoNotUseInternalPackages() {
    noClasses().that().resideInAPackage("dev.millrace.examples..")
        .should().dependOnClassesThat().resideInAPackage("..internal..")
        .check(classes);
  }
}
