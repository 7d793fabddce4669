package dev.millrace.coders;

import java.io.IOException;

/** A value could not be encoded, or bytes could not be decoded, by a {@link Coder}. */
public class CoderException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message saying what failed and how to fix it. */
  public CoderException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause. */
  public CoderException(String message, Throwable cause) {
    super(message, cause);
  }
}
