package dev.millrace.compliance.capability;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.Capability;
import dev.millrace.runners.PipelineRunnerRegistrar;
import dev.millrace.runners.PipelineRunners;
import dev.millrace.testing.TestPipeline;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The runner the compliance tests run on (the one {@link TestPipeline#create()} uses, chosen with
 * {@code -Drunner=NAME}) and the capabilities it declares through its {@link
 * PipelineRunnerRegistrar}.
 *
 * @param runner the runner's name
 * @param declared the capabilities the runner declares
 */
public record RunnerCapabilities(String runner, Set<Capability> declared) {
  /** Copies {@code declared}. */
  public RunnerCapabilities {
    declared = Collections.unmodifiableSet(
        declared.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(declared));
  }

  /**
   * The runner the test pipeline options select, and its declared capabilities.
   *
   * @throws IllegalStateException if no runner of that name is on the class path
   */
  public static RunnerCapabilities current() {
    PipelineOptions options = TestPipeline.testingPipelineOptions();
    return forRunner(options.getRunner());
  }

  /**
   * The named runner and its declared capabilities.
   *
   * @throws IllegalStateException if no runner of that name is on the class path
   */
  public static RunnerCapabilities forRunner(String name) {
    for (PipelineRunnerRegistrar r : PipelineRunners.available()) {
      if (r.name().equalsIgnoreCase(name)) {
        return new RunnerCapabilities(r.name(), r.capabilities());
      }
    }
    throw new IllegalStateException("The compliance tests were asked to run on runner '" + name
        + "', which is not on the class path. Runners present: "
        + PipelineRunners.available().stream().map(PipelineRunnerRegistrar::name).toList()
        + ". Add the runner module as a dependency of compliance-tests, or pick another with "
        + "-Drunner=NAME.");
  }

  /** Whether the runner declares {@code capability}. */
  public boolean supports(Capability capability) {
    return declared.contains(capability);
  }
}
