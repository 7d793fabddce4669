package dev.millrace.windowing.triggers;

/**
 * The trigger every collection starts with: it fires once when the watermark passes the end of the
 * window, and then again for every late element that arrives within the allowed lateness. It never
 * finishes, and it is its own continuation.
 */
public record DefaultTrigger() implements Trigger {
  /** The default trigger. */
  public static DefaultTrigger of() {
    return new DefaultTrigger();
  }

  @Override
  public Trigger continuation() {
    return this;
  }

  @Override
  public boolean mayFinish() {
    return false;
  }

  @Override
  public boolean isOnceTrigger() {
    return false;
  }

  @Override
  public String toString() {
    return "DefaultTrigger";
  }
}
