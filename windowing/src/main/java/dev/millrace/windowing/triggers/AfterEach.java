package dev.millrace.windowing.triggers;

import java.util.Arrays;
import java.util.List;

/**
 * Runs its sub-triggers one after another: the current one fires the composite each time it fires,
 * and when it finishes the next one takes over. It finishes when the last sub-trigger finishes, so
 * it can finish only if every sub-trigger can. Its continuation is
 * {@code Repeatedly.forever(AfterFirst.of(continuations...))}, as in Beam.
 *
 * @param triggers the sub-triggers in order, at least one
 */
public record AfterEach(List<Trigger> triggers) implements Trigger {
  /** Validates and copies the list. */
  public AfterEach {
    triggers = TriggerChecks.copyOfNonEmpty(triggers, "AfterEach.inOrder");
  }

  /** Runs {@code triggers} in order. */
  public static AfterEach inOrder(Trigger... triggers) {
    return new AfterEach(Arrays.asList(triggers));
  }

  @Override
  public Trigger continuation() {
    return new Repeatedly(new AfterFirst(TriggerChecks.continuations(triggers)));
  }

  @Override
  public boolean mayFinish() {
    return triggers.stream().allMatch(Trigger::mayFinish);
  }

  @Override
  public boolean isOnceTrigger() {
    return false;
  }

  @Override
  public List<Trigger> subTriggers() {
    return triggers;
  }

  @Override
  public String toString() {
    return "AfterEach.inOrder(" + TriggerChecks.join(triggers) + ")";
  }
}
