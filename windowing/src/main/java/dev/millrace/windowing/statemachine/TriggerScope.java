package dev.millrace.windowing.statemachine;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimerInternals;

/**
 * Where a trigger runs: the window's namespace (which carries the window) and the state and timers
 * of the key.
 *
 * @param namespace the namespace of the window the trigger runs for
 * @param state the state of the key
 * @param timers the timers and clocks of the key
 */
public record TriggerScope(StateNamespace namespace, StateInternals state, TimerInternals timers) {
  /** Validates the components. */
  public TriggerScope {
    Preconditions.checkNotNull(namespace, "namespace");
    Preconditions.checkArgument(!namespace.isGlobal(), "a trigger runs in a window namespace");
    Preconditions.checkNotNull(state, "state");
    Preconditions.checkNotNull(timers, "timers");
  }
}
