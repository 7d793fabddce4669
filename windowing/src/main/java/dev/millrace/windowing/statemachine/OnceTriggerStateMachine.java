package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * A trigger that fires at most once: after its firing ({@link #onOnlyFiring}) it is finished.
 */
public abstract class OnceTriggerStateMachine extends TriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** A once-trigger with the given sub-triggers. */
  protected OnceTriggerStateMachine(List<TriggerStateMachine> subTriggers) {
    super(subTriggers);
  }

  @Override
  public final void onFire(TriggerContext c) {
    onOnlyFiring(c);
    c.setFinished(true);
  }

  /** Does what the single firing requires (usually clearing state). */
  protected abstract void onOnlyFiring(TriggerContext c);
}
