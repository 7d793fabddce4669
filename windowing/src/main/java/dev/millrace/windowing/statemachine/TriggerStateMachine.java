package dev.millrace.windowing.statemachine;

import java.io.Serializable;
import java.util.List;

/**
 * The executable form of one node of a trigger tree, built from a trigger spec by
 * {@link TriggerStateMachines#build}. A state machine is stateless itself: everything it remembers
 * for a window lives in the key's state (through {@link TriggerContext#state}), so it survives
 * serialization and can be merged when windows merge. Whether a node has finished is kept by the
 * runner ({@link TriggerContext#isFinished()}).
 *
 * <p>Lifecycle per window: {@link #onElement} for every element, {@link #onMerge} when windows
 * merge into this one, {@link #shouldFire} after a bundle of elements or a timer, and
 * {@link #onFire} when the grouping fires a pane because {@code shouldFire} returned true.
 * {@link #clear} forgets the node's state (and its sub-triggers').
 */
public abstract class TriggerStateMachine implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<TriggerStateMachine> subTriggers;
  private int index = -1;
  private int endIndex = -1;

  /** A node with the given sub-triggers (empty for leaves). */
  protected TriggerStateMachine(List<TriggerStateMachine> subTriggers) {
    this.subTriggers = List.copyOf(subTriggers);
  }

  /** The sub-triggers, in spec order. */
  public final List<TriggerStateMachine> subTriggers() {
    return subTriggers;
  }

  /** This node's index in its tree (pre-order, root 0). */
  public final int index() {
    return index;
  }

  /** The first index after this node's subtree. */
  public final int endIndex() {
    return endIndex;
  }

  /** Assigns pre-order indices from {@code start}; returns the first index after the subtree. */
  final int assignIndices(int start) {
    index = start;
    int next = start + 1;
    for (TriggerStateMachine sub : subTriggers) {
      next = sub.assignIndices(next);
    }
    endIndex = next;
    return next;
  }

  /** Records an element that arrived in the window. */
  public abstract void onElement(TriggerContext c);

  /**
   * Merges the state of the merging windows ({@link TriggerContext#stateInMergingWindows}) into
   * the result window. By default, merges every sub-trigger.
   */
  public void onMerge(TriggerContext c) {
    for (int i = 0; i < subTriggers.size(); i++) {
      c.sub(i).invokeOnMerge();
    }
  }

  /** Whether the window should fire a pane now. */
  public abstract boolean shouldFire(TriggerContext c);

  /** Advances the state after a firing; a node that will not fire again marks itself finished. */
  public abstract void onFire(TriggerContext c);

  /** Clears this node's state for the window; by default, clears every sub-trigger. */
  public void clear(TriggerContext c) {
    for (int i = 0; i < subTriggers.size(); i++) {
      c.sub(i).invokeClear();
    }
  }

  /** Forwards the element to every sub-trigger that has not finished. */
  protected static void forwardToUnfinished(TriggerContext c) {
    for (int i = 0; i < c.trigger().subTriggers().size(); i++) {
      if (!c.isSubFinished(i)) {
        c.sub(i).invokeOnElement();
      }
    }
  }
}
