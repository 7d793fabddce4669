package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * {@code AfterWatermark.pastEndOfWindow()} without early or late firings: fires once the input
 * watermark passes the end of the window, then finishes. Keeps no state but an end-of-window
 * timer. When windows merge, it is revived unless it had finished in every merging window and the
 * merged window's end has passed.
 */
public final class AfterWatermarkStateMachine extends OnceTriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** The plain watermark trigger. */
  public AfterWatermarkStateMachine() {
    super(List.of());
  }

  @Override
  public void onElement(TriggerContext c) {
    DefaultTriggerStateMachine.setEndOfWindowTimerIfNeeded(c);
  }

  @Override
  public void onMerge(TriggerContext c) {
    boolean done = c.finishedInAllMergingWindows() && c.endOfWindowReached();
    c.setFinished(done);
    DefaultTriggerStateMachine.setEndOfWindowTimerIfNeeded(c);
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    return c.endOfWindowReached();
  }

  @Override
  protected void onOnlyFiring(TriggerContext c) {}

  @Override
  public String toString() {
    return "AfterWatermark.pastEndOfWindow()";
  }
}
