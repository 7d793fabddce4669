package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * {@code AfterAll.of(t1, t2, ...)}: fires once, when every sub-trigger is ready or has finished;
 * fires the unfinished ones and finishes.
 */
public final class AfterAllStateMachine extends OnceTriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** Fires when all of {@code subTriggers} are ready. */
  public AfterAllStateMachine(List<TriggerStateMachine> subTriggers) {
    super(subTriggers);
  }

  @Override
  public void onElement(TriggerContext c) {
    forwardToUnfinished(c);
  }

  @Override
  public void onMerge(TriggerContext c) {
    super.onMerge(c);
    boolean allFinished = true;
    for (int i = 0; i < subTriggers().size(); i++) {
      allFinished &= c.isSubFinished(i);
    }
    c.setFinished(allFinished);
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    for (int i = 0; i < subTriggers().size(); i++) {
      if (!c.isSubFinished(i) && !c.sub(i).invokeShouldFire()) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected void onOnlyFiring(TriggerContext c) {
    for (int i = 0; i < subTriggers().size(); i++) {
      if (!c.isSubFinished(i)) {
        c.sub(i).invokeOnFire();
      }
    }
  }

  @Override
  public String toString() {
    return "AfterAll.of" + subTriggers();
  }
}
