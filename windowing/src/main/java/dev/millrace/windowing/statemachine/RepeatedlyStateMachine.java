package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * {@code Repeatedly.forever(t)}: fires whenever {@code t} fires; each time {@code t} finishes, it
 * is reset (its finished bits and state cleared) to start over. Never finishes.
 */
public final class RepeatedlyStateMachine extends TriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** Repeats {@code repeated}. */
  public RepeatedlyStateMachine(TriggerStateMachine repeated) {
    super(List.of(repeated));
  }

  @Override
  public void onElement(TriggerContext c) {
    c.sub(0).invokeOnElement();
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    return c.sub(0).invokeShouldFire();
  }

  @Override
  public void onFire(TriggerContext c) {
    TriggerContext repeated = c.sub(0);
    repeated.invokeOnFire();
    if (repeated.isFinished()) {
      repeated.resetTree();
    }
  }

  @Override
  public String toString() {
    return "Repeatedly.forever(" + subTriggers().get(0) + ")";
  }
}
