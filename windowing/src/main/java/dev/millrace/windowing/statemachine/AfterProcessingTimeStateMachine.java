package dev.millrace.windowing.statemachine;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import java.util.List;

/**
 * {@code AfterProcessingTime.pastFirstElementInPane()...}: the first element of a pane starts a
 * deadline (its processing time moved by the spec's delays and alignments, in order); the trigger
 * fires once processing time is strictly past the deadline, then finishes.
 */
public final class AfterProcessingTimeStateMachine extends OnceTriggerStateMachine {
  private static final long serialVersionUID = 1L;

  private final AfterProcessingTime spec;

  /** The machine for {@code spec}. */
  public AfterProcessingTimeStateMachine(AfterProcessingTime spec) {
    super(List.of());
    this.spec = Preconditions.checkNotNull(spec, "spec");
  }

  @Override
  public void onElement(TriggerContext c) {
    ProcessingTimeDeadline.onElement(c, spec::deadline);
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
    return spec.toString();
  }
}
