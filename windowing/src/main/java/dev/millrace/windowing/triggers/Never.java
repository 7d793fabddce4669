package dev.millrace.windowing.triggers;

/**
 * A trigger that never fires. A grouping with it emits a window's pane only when the window
 * closes: when the watermark passes the end of the window plus the allowed lateness (subject to the
 * closing behavior). It never finishes on its own and is its own continuation.
 */
public record Never() implements Trigger {
  /** The trigger that never fires. */
  public static Never ever() {
    return new Never();
  }

  @Override
  public Trigger continuation() {
    return this;
  }

  /** False: it never fires, so it never finishes either; the window closes it instead. */
  @Override
  public boolean mayFinish() {
    return false;
  }

  @Override
  public boolean isOnceTrigger() {
    return true;
  }

  @Override
  public String toString() {
    return "Never.ever()";
  }
}
