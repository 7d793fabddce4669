package dev.millrace.compliance.matrix;

/** How one test ended on one runner, as read from its report. */
public enum TestStatus {
  /** The test ran and succeeded. */
  PASSED,
  /** The test ran and failed, or ended with an error. */
  FAILED,
  /** The runner does not declare a capability the test requires; the test did not run. */
  UNSUPPORTED,
  /** The test was skipped for another reason (disabled, or an assumption did not hold). */
  SKIPPED
}
