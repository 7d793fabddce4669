package dev.millrace.testing.internal;

import java.io.Serializable;

/**
 * Where in the test source an assertion was declared, so that a failure that surfaces later,
 * from inside a running pipeline, points back at the line that declared it. Internal.
 *
 * @param location the first stack frame outside the testing package, e.g. {@code
 *     WordCountTest.counts(WordCountTest.java:42)}, or empty when unknown
 */
public record AssertionSite(String location) implements Serializable {

  /** The caller of the testing API on the current thread's stack. */
  public static AssertionSite capture() {
    for (StackTraceElement e : new Throwable().getStackTrace()) {
      String cls = e.getClassName();
      if (!cls.startsWith("dev.millrace.testing.") && !cls.startsWith("java.")
          && !cls.startsWith("jdk.") && !cls.startsWith("sun.")) {
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return new AssertionSite(
            simple + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")");
      }
    }
    return new AssertionSite("");
  }

  @Override
  public String toString() {
    return location.isEmpty() ? "<unknown location>" : location;
  }
}
