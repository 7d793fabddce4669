package dev.millrace.compliance.matrix;

import com.google.common.base.Preconditions;

/**
 * The outcome of one test case on one runner.
 *
 * @param className the binary name of the test class, e.g. {@code a.b.FooTest$Nested}
 * @param testName the name of the test case as reported, e.g. {@code sums(int)[2]}
 * @param status how it ended
 */
public record TestOutcome(String className, String testName, TestStatus status) {
  /** Checks that no part is null. */
  public TestOutcome {
    Preconditions.checkNotNull(className, "className");
    Preconditions.checkNotNull(testName, "testName");
    Preconditions.checkNotNull(status, "status");
  }

  /** The test method's name: the test name without parameter list or invocation index. */
  public String methodName() {
    int end = testName.length();
    for (char stop : new char[] {'(', '['}) {
      int i = testName.indexOf(stop);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return testName.substring(0, end).trim();
  }

  /** A key identifying the test case across runners: {@code className#testName}. */
  public String key() {
    return className + "#" + testName;
  }
}
