package dev.millrace.windowing.statemachine;

import java.util.List;

/**
 * Never fires; the window's garbage collection emits its final pane. Never finishes on its own.
 */
public final class NeverStateMachine extends TriggerStateMachine {
  private static final long serialVersionUID = 1L;

  /** The trigger that never fires. */
  public NeverStateMachine() {
    super(List.of());
  }

  @Override
  public void onElement(TriggerContext c) {}

  @Override
  public boolean shouldFire(TriggerContext c) {
    return false;
  }

  @Override
  public void onFire(TriggerContext c) {
    throw new IllegalStateException("Never.ever() was asked to fire, which cannot happen");
  }

  @Override
  public String toString() {
    return "Never.ever()";
  }
}
