package dev.millrace.windowing.triggers;

import java.util.List;
import java.util.Objects;

/**
 * Runs {@code trigger} again each time it finishes, firing whenever it fires; it never finishes
 * (unless bounded with {@link Trigger#orFinally}). Its continuation repeats the continuation of the
 * repeated trigger.
 *
 * @param trigger the trigger to repeat
 */
public record Repeatedly(Trigger trigger) implements Trigger {
  /** Validates the argument. */
  public Repeatedly {
    Objects.requireNonNull(trigger, "Repeatedly.forever needs a trigger to repeat, got null");
  }

  /** Repeats {@code trigger} forever. */
  public static Repeatedly forever(Trigger trigger) {
    return new Repeatedly(trigger);
  }

  @Override
  public Trigger continuation() {
    return new Repeatedly(trigger.continuation());
  }

  @Override
  public boolean mayFinish() {
    return false;
  }

  @Override
  public boolean isOnceTrigger() {
    return false;
  }

  @Override
  public List<Trigger> subTriggers() {
    return List.of(trigger);
  }

  @Override
  public String toString() {
    return "Repeatedly.forever(" + trigger + ")";
  }
}
