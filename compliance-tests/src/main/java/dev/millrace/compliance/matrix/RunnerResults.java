package dev.millrace.compliance.matrix;

import com.google.common.base.Preconditions;
import dev.millrace.runners.Capability;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One column of the capability matrix: a runner, what it declares, and its test outcomes.
 *
 * @param runner the runner's name
 * @param declared the capabilities the runner declares
 * @param outcomes every test case reported for the runner
 */
public record RunnerResults(String runner, Set<Capability> declared, List<TestOutcome> outcomes) {
  /** Copies the collections. */
  public RunnerResults {
    Preconditions.checkNotNull(runner, "runner");
    declared = Collections.unmodifiableSet(
        declared.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(declared));
    outcomes = List.copyOf(outcomes);
  }
}
