package dev.millrace.windowing.triggers;

import java.util.Arrays;
import java.util.List;

/**
 * Fires once, as soon as any of its sub-triggers (once-triggers) would fire, and then finishes.
 * It can finish if any sub-trigger can. Its continuation is the {@code AfterFirst} of the
 * sub-triggers' continuations.
 *
 * @param triggers the sub-triggers, at least one
 */
public record AfterFirst(List<Trigger> triggers) implements Trigger {
  /** Validates and copies the list. */
  public AfterFirst {
    triggers = TriggerChecks.copyOfNonEmpty(triggers, "AfterFirst.of");
  }

  /** Fires when the first of {@code triggers} fires. */
  public static AfterFirst of(Trigger... triggers) {
    return new AfterFirst(Arrays.asList(triggers));
  }

  @Override
  public Trigger continuation() {
    return new AfterFirst(TriggerChecks.continuations(triggers));
  }

  @Override
  public boolean mayFinish() {
    return triggers.stream().anyMatch(Trigger::mayFinish);
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
    return "AfterFirst.of(" + TriggerChecks.join(triggers) + ")";
  }
}
