package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * {@code AfterFirst.of(t1, t2, ...)}: fires once, as soon as any sub-trigger is ready (or has
 * finished); the ready ones are fired and the others cleared; then it finishes.
 */
public final class AfterFirstStateMachine extends OnceTriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** Fires with the first of {@code subTriggers}. */
  public AfterFirstStateMachine(List<TriggerStateMachine> subTriggers) {
    super(subTriggers);
  }

  @Override
  public void onElement(TriggerContext c) {
    forwardToUnfinished(c);
  }

  @Override
  public void onMerge(TriggerContext c) {
    super.onMerge(c);
    boolean anyFinished = false;
    for (int i = 0; i < subTriggers().size(); i++) {
      anyFinished |= c.isSubFinished(i);
    }
    c.setFinished(anyFinished);
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    for (int i = 0; i < subTriggers().size(); i++) {
      if (c.isSubFinished(i) || c.sub(i).invokeShouldFire()) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void onOnlyFiring(TriggerContext c) {
    for (int i = 0; i < subTriggers().size(); i++) {
      TriggerContext sub = c.sub(i);
      if (sub.invokeShouldFire()) {
        sub.invokeOnFire();
      } else {
        sub.invokeClear();
      }
    }
  }

  @Override
  public String toString() {
    return "AfterFirst.of" + subTriggers();
  }
}
