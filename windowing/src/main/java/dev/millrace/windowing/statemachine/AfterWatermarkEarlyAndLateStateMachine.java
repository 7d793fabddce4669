package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.core.TimeDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code AfterWatermark.pastEndOfWindow()} with early and/or late firings. Before the end of the
 * window it fires whenever the early trigger (sub-trigger 0, repeated) fires, and once when the
 * watermark passes the end; after that it fires whenever the late trigger (sub-trigger 1, repeated)
 * fires. Finishes after the on-time firing when there is no late trigger. Being past the early
 * phase is recorded as the early sub-trigger's finished bit.
 */
public final class AfterWatermarkEarlyAndLateStateMachine extends TriggerStateMachine {
  private static final long serialVersionUID = 1L;
  private static final int EARLY = 0;
  private static final int LATE = 1;

  private final boolean hasLate;

  /**
   * Early and late firings.
   *
   * @param early the early once-trigger (use {@link NeverStateMachine} for none)
   * @param late the late once-trigger, or null for none
   */
  public AfterWatermarkEarlyAndLateStateMachine(
      TriggerStateMachine early, TriggerStateMachine late) {
    super(subs(early, late));
    this.hasLate = late != null;
  }

  private static List<TriggerStateMachine> subs(TriggerStateMachine early, TriggerStateMachine late) {
    List<TriggerStateMachine> subs = new ArrayList<>();
    subs.add(early);
    if (late != null) {
      subs.add(late);
    }
    return subs;
  }

  @Override
  public void onElement(TriggerContext c) {
    if (!c.endOfWindowReached()) {
      c.setTimer(c.window().maxTimestampMillis(), TimeDomain.EVENT_TIME);
    }
    if (!c.isMerging()) {
      int current = c.firstUnfinishedSub();
      if (current >= 0) {
        c.sub(current).invokeOnElement();
      }
    } else {
      // Finished sub-triggers may be revived by a merge, so all of them keep counting.
      for (int i = 0; i < c.trigger().subTriggers().size(); i++) {
        c.sub(i).invokeOnElement();
      }
    }
  }

  @Override
  public void onMerge(TriggerContext c) {
    TriggerContext early = c.sub(EARLY);
    if (!early.finishedInAllMergingWindows() || !c.endOfWindowReached()) {
      // Still in the early phase: some merged window has unfired early data.
      early.invokeOnMerge();
      early.setFinished(false);
      if (hasLate) {
        TriggerContext late = c.sub(LATE);
        late.setFinished(false);
        late.invokeClear();
      }
    } else {
      early.setFinished(true);
      if (hasLate) {
        c.sub(LATE).invokeOnMerge();
      }
    }
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    if (!c.isSubFinished(EARLY)) {
      return c.sub(EARLY).invokeShouldFire() || c.endOfWindowReached();
    }
    return hasLate && c.sub(LATE).invokeShouldFire();
  }

  @Override
  public void onFire(TriggerContext c) {
    if (!c.isSubFinished(EARLY)) {
      onNonLateFiring(c);
    } else if (hasLate) {
      TriggerContext late = c.sub(LATE);
      late.invokeOnFire();
      late.invokeClear();
      late.setFinished(false);
    } else {
      c.setFinished(true);
    }
  }

  private void onNonLateFiring(TriggerContext c) {
    TriggerContext early = c.sub(EARLY);
    if (!c.endOfWindowReached()) {
      early.invokeOnFire();
      early.invokeClear();
      early.setFinished(false);
      return;
    }
    if (early.invokeShouldFire()) {
      early.invokeOnFire();
    }
    early.setFinished(true);
    early.invokeClear();
    if (hasLate) {
      // The late trigger starts fresh after the on-time pane.
      c.sub(LATE).invokeClear();
    } else {
      c.setFinished(true);
    }
  }

  @Override
  public String toString() {
    return "AfterWatermark.pastEndOfWindow()" + subTriggers();
  }
}
