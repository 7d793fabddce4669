package dev.millrace.testing.internal;

import java.util.Optional;

/**
 * What {@code TestPipeline} checks after each test that did not already fail: a test that
 * declared assertions must run the pipeline, and every declared assertion must have reported a
 * success (assertions applied after {@code run()} never run). Internal.
 */
public final class Enforcement {
  private Enforcement() {}

  /**
   * The failure message for a finished test, if any.
   *
   * @param ran whether {@code run()} was called
   * @param lastRunFailed whether the last run failed (and the test caught the failure), in which
   *     case assertions are not counted
   * @param declared how many assertions were applied to the pipeline
   * @param successes how many assertions reported success in the last run
   */
  public static Optional<String> check(
      boolean ran, boolean lastRunFailed, int declared, long successes) {
    if (declared > 0 && !ran) {
      return Optional.of("The test applied " + plural(declared) + " but never ran the "
          + "pipeline, so nothing was checked. Call p.run() at the end of the test (on a "
          + "TestPipeline, run() also waits until the pipeline finishes).");
    }
    if (ran && !lastRunFailed && successes < declared) {
      return Optional.of(declared + " assertions were declared but only " + successes + " ran. "
          + "Assertions applied after p.run() are never checked: apply every PAssert before "
          + "calling run(). (If they were all applied before, the runner did not report the '"
          + AssertionTransform.SUCCESSES + "' counter of " + AssertionTransform.METRICS_NAMESPACE
          + ".)");
    }
    return Optional.empty();
  }

  private static String plural(int n) {
    return n == 1 ? "1 PAssert assertion" : n + " PAssert assertions";
  }
}
