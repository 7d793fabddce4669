package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * {@code trigger.orFinally(until)}: fires whenever the main trigger fires, and a last time when
 * {@code until} fires (which takes precedence), then finishes; it also finishes when the main
 * trigger finishes.
 */
public final class OrFinallyStateMachine extends TriggerStateMachine {
  private static final long serialVersionUID = 1L;
  private static final int ACTUAL = 0;
  private static final int UNTIL = 1;

  /** {@code actual.orFinally(until)}. */
  public OrFinallyStateMachine(TriggerStateMachine actual, TriggerStateMachine until) {
    super(List.of(actual, until));
  }

  @Override
  public void onElement(TriggerContext c) {
    forwardToUnfinished(c);
  }

  @Override
  public void onMerge(TriggerContext c) {
    super.onMerge(c);
    updateFinished(c);
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    return c.sub(ACTUAL).invokeShouldFire() || c.sub(UNTIL).invokeShouldFire();
  }

  @Override
  public void onFire(TriggerContext c) {
    TriggerContext until = c.sub(UNTIL);
    if (until.invokeShouldFire()) {
      until.invokeOnFire();
      c.sub(ACTUAL).invokeClear();
    } else {
      c.sub(ACTUAL).invokeOnFire();
    }
    updateFinished(c);
  }

  private static void updateFinished(TriggerContext c) {
    c.setFinished(c.isSubFinished(ACTUAL) || c.isSubFinished(UNTIL));
  }

  @Override
  public String toString() {
    return subTriggers().get(ACTUAL) + ".orFinally(" + subTriggers().get(UNTIL) + ")";
  }
}
