package dev.millrace.runners.core;

import dev.millrace.internal.Truncate;

/**
 * Wraps an exception thrown by user code (a DoFn, CombineFn, coder, ...) with the step's full name
 * and the element being processed. Runners surface it as the failure of the pipeline; the cause is
 * the user's original exception.
 */
public final class UserCodeException extends RuntimeException {
  private final String stepName;

  private UserCodeException(String stepName, String message, Throwable cause) {
    super(message, cause);
    this.stepName = stepName;
  }

  /** The failure of a step while processing an element. */
  public static UserCodeException forElement(
      String stepName, String phase, Object element, Throwable cause) {
    return new UserCodeException(
        stepName,
        "Step '" + stepName + "' failed in " + phase + " on element " + Truncate.toString(element)
            + ": " + cause,
        cause);
  }

  /** The failure of a step outside of an element (setup, startBundle, finishBundle...). */
  public static UserCodeException forStep(String stepName, String phase, Throwable cause) {
    return new UserCodeException(
        stepName, "Step '" + stepName + "' failed in " + phase + ": " + cause, cause);
  }

  /** The step's full name. */
  public String getStepName() {
    return stepName;
  }
}
