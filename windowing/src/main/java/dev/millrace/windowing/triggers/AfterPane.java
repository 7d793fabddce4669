package dev.millrace.windowing.triggers;

/**
 * Fires once at least {@code count} elements have arrived in the current pane. A once-trigger; its
 * continuation is {@code AfterPane.elementCountAtLeast(1)}.
 *
 * @param count the number of elements to wait for, at least 1
 */
public record AfterPane(long count) implements Trigger {
  /** Validates the count. */
  public AfterPane {
    if (count < 1) {
      throw new IllegalArgumentException(
          "AfterPane.elementCountAtLeast needs a count of at least 1, got " + count);
    }
  }

  /** Fires once the pane holds at least {@code count} elements. */
  public static AfterPane elementCountAtLeast(int count) {
    return new AfterPane(count);
  }

  @Override
  public Trigger continuation() {
    return new AfterPane(1);
  }

  @Override
  public boolean mayFinish() {
    return true;
  }

  @Override
  public boolean isOnceTrigger() {
    return true;
  }

  @Override
  public String toString() {
    return "AfterPane.elementCountAtLeast(" + count + ")";
  }
}
