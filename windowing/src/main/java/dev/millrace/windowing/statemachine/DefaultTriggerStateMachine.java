package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.core.TimeDomain;
import java.util.List;

/**
 * The default trigger: fires once the input watermark passes the end of the window and then for
 * every later bundle of (late) elements; never finishes. It keeps no state, only an end-of-window
 * timer.
 */
public final class DefaultTriggerStateMachine extends TriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** The default trigger. */
  public DefaultTriggerStateMachine() {
    super(List.of());
  }

  @Override
  public void onElement(TriggerContext c) {
    setEndOfWindowTimerIfNeeded(c);
  }

  @Override
  public void onMerge(TriggerContext c) {
    setEndOfWindowTimerIfNeeded(c);
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    return c.endOfWindowReached();
  }

  @Override
  public void onFire(TriggerContext c) {}

  static void setEndOfWindowTimerIfNeeded(TriggerContext c) {
    if (!c.endOfWindowReached()) {
      c.setTimer(c.window().maxTimestampMillis(), TimeDomain.EVENT_TIME);
    }
  }

  @Override
  public String toString() {
    return "DefaultTrigger";
  }
}
