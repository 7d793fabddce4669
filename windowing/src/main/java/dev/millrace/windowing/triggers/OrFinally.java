package dev.millrace.windowing.triggers;

import java.util.List;
import java.util.Objects;

/**
 * Fires like {@code trigger} until {@code until} (a once-trigger) fires; when {@code until} fires,
 * this fires a final pane and finishes. It also finishes when {@code trigger} finishes. Written
 * {@code trigger.orFinally(until)}. Its continuation is, as in Beam,
 * {@code Repeatedly.forever(trigger.continuation().orFinally(until.continuation()))}.
 *
 * @param trigger the main trigger
 * @param until the trigger that ends it
 */
public record OrFinally(Trigger trigger, Trigger until) implements Trigger {
  /** Validates the arguments. */
  public OrFinally {
    Objects.requireNonNull(trigger, "orFinally: the main trigger is null");
    Objects.requireNonNull(until, "orFinally needs an 'until' trigger, got null");
  }

  @Override
  public Trigger continuation() {
    return new Repeatedly(new OrFinally(trigger.continuation(), until.continuation()));
  }

  @Override
  public boolean mayFinish() {
    return trigger.mayFinish() || until.mayFinish();
  }

  @Override
  public boolean isOnceTrigger() {
    return false;
  }

  /** The main trigger, then the until trigger. */
  @Override
  public List<Trigger> subTriggers() {
    return List.of(trigger, until);
  }

  @Override
  public String toString() {
    return trigger + ".orFinally(" + until + ")";
  }
}
