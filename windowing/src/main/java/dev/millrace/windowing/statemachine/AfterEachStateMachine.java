package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * {@code AfterEach.inOrder(t1, t2, ...)}: the first unfinished sub-trigger is the current one; the
 * composite fires when it fires and moves on when it finishes; finished when the last one has. With
 * merging windows every sub-trigger sees every element, because a merge may revive earlier ones.
 */
public final class AfterEachStateMachine extends TriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** Runs {@code subTriggers} in order. */
  public AfterEachStateMachine(List<TriggerStateMachine> subTriggers) {
    super(subTriggers);
  }

  @Override
  public void onElement(TriggerContext c) {
    if (!c.isMerging()) {
      int current = c.firstUnfinishedSub();
      if (current >= 0) {
        c.sub(current).invokeOnElement();
      }
    } else {
      for (int i = 0; i < subTriggers().size(); i++) {
        c.sub(i).invokeOnElement();
      }
    }
  }

  @Override
  public void onMerge(TriggerContext c) {
    super.onMerge(c);
    updateFinished(c);
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    int current = c.firstUnfinishedSub();
    return current >= 0 && c.sub(current).invokeShouldFire();
  }

  @Override
  public void onFire(TriggerContext c) {
    int current = c.firstUnfinishedSub();
    if (current >= 0) {
      c.sub(current).invokeOnFire();
    }
    updateFinished(c);
  }

  private static void updateFinished(TriggerContext c) {
    c.setFinished(c.firstUnfinishedSub() < 0);
  }

  @Override
  public String toString() {
    return "AfterEach.inOrder" + subTriggers();
  }
}
