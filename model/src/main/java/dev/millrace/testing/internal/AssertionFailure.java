package dev.millrace.testing.internal;

/**
 * A failed built-in check (contents, singleton, map): its message is the complete explanation,
 * so it is reported without a cause. Failures raised by user functions given to {@code
 * satisfies} are kept as the cause instead. Internal.
 */
public final class AssertionFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  public AssertionFailure(String message) {
    super(message);
  }
}
