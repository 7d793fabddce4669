package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * The continuation of processing-time triggers in a downstream grouping: fires once processing
 * time is strictly past the processing time at which the pane's first element arrived (so the
 * downstream pane follows the upstream firing at the next processing-time step), then finishes.
 * Runners without a separate synchronized clock use their processing time for it.
 */
public final class AfterSynchronizedProcessingTimeStateMachine extends OnceTriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** The synchronized processing-time trigger. */
  public AfterSynchronizedProcessingTimeStateMachine() {
    super(List.of());
  }

  @Override
  public void onElement(TriggerContext c) {
    ProcessingTimeDeadline.onElement(c, t -> t);
  }

  @Override
  public void onMerge(TriggerContext c) {
    ProcessingTimeDeadline.onMerge(c);
  }

  @Override
  public boolean shouldFire(TriggerContext c) {
    return ProcessingTimeDeadline.shouldFire(c);
  }

  @Override
  protected void onOnlyFiring(TriggerContext c) {
    clear(c);
  }

  @Override
  public void clear(TriggerContext c) {
    ProcessingTimeDeadline.clear(c);
  }

  @Override
  public String toString() {
    return "AfterSynchronizedProcessingTime.pastFirstElementInPane()";
  }
}
