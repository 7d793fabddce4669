package dev.millrace.coders;

/**
 * No coder could be found or inferred for a type. The message names the type, why inference
 * failed (down to the component type that has no coder) and how to fix it.
 */
public class CannotProvideCoderException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with a message naming the type and the fix. */
  public CannotProvideCoderException(String message) {
    super(message);
  }

  /** An exception with a message and the underlying cause (e.g. a component's failure). */
  public CannotProvideCoderException(String message, Throwable cause) {
    super(message, cause);
  }
}
