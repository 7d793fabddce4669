package dev.millrace.coders;

import com.google.common.base.Preconditions;

/**
 * A {@link Coder} does not encode equal values to identical bytes, so it cannot be used where
 * bytes are compared, such as the key coder of a {@code GroupByKey}. The message names the coder,
 * says why, and how to fix it; {@link #getCause()} is the failure of the component coder
 * responsible, if any.
 */
public class NonDeterministicException extends Exception {
  private static final long serialVersionUID = 1L;

  private static final String HINT =
      " Grouping keys need a deterministic coder: use a key type whose coder is deterministic"
          + " (String, Integer, Long, byte[], Instant, a KV, List or record of those), or call"
          + " setCoder(...) with a deterministic coder.";

  private final String coderName;
  private final String reason;

  /** {@code coder} is not deterministic because of {@code reason}. */
  public NonDeterministicException(Coder<?> coder, String reason) {
    this(coder, reason, null);
  }

  /** {@code coder} is not deterministic because of {@code reason}, caused by a component. */
  public NonDeterministicException(Coder<?> coder, String reason, NonDeterministicException cause) {
    super(String.valueOf(coder) + " is not deterministic: " + reason + "." + HINT, cause);
    Preconditions.checkNotNull(reason, "reason");
    this.coderName = String.valueOf(coder);
    this.reason = reason;
  }

  /** Checks that a component coder is deterministic, blaming {@code parent} if it is not. */
  public static void verifyComponent(Coder<?> parent, String role, Coder<?> component)
      throws NonDeterministicException {
    try {
      component.verifyDeterministic();
    } catch (NonDeterministicException e) {
      throw new NonDeterministicException(
          parent, "its " + role + " " + e.coderName + " is not deterministic (" + e.reason + ")", e);
    }
  }

  /** The name of the coder, as printed by its {@code toString}. */
  public String getCoderName() {
    return coderName;
  }

  /** Why the coder is not deterministic, without the fix-it hint. */
  public String getReason() {
    return reason;
  }
}
