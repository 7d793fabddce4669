package dev.millrace.windowing.triggers;

import java.util.Arrays;
import java.util.List;

/**
 * Fires once, when every one of its sub-triggers (once-triggers) has fired, and then finishes. It
 * can finish only if every sub-trigger can. Its continuation is the {@code AfterAll} of the
 * sub-triggers' continuations.
 *
 * @param triggers the sub-triggers, at least one
 */
public record AfterAll(List<Trigger> triggers) implements Trigger {
  /** Validates and copies the list. */
  public AfterAll {
    triggers = TriggerChecks.copyOfNonEmpty(triggers, "AfterAll.of");
  }

  /** Fires when all of {@code triggers} have fired. */
  public static AfterAll of(Trigger... triggers) {
    return new AfterAll(Arrays.asList(triggers));
  }

  @Override
  public Trigger continuation() {
    return new AfterAll(TriggerChecks.continuations(triggers));
  }

  @Override
  public boolean mayFinish() {
    return triggers.stream().allMatch(Trigger::mayFinish);
  }

  @Override
  public boolean isOnceTrigger() {
    return true;
  }

  @Override
  public List<Trigger> subTriggers() {
    return triggers;
  }

  @Override
  public String toString() {
    return "AfterAll.of(" + TriggerChecks.join(triggers) + ")";
  }
}
