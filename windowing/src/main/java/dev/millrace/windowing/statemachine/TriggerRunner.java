package dev.millrace.windowing.statemachine;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.core.StateInternals;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.ValueState;
import dev.millrace.windowing.triggers.Trigger;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a trigger tree for the windows of a key: feeds it elements, merges it, asks whether to fire
 * and advances it after a firing. Besides each node's own state, it keeps the finished bits of the
 * tree in one cell per window; the trigger is <em>closed</em> for a window once the root has
 * finished, after which the grouping drops the window's elements until the window is garbage
 * collected. Stateless and serializable.
 */
public final class TriggerRunner implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final StateTag<ValueState<Long>> FINISHED =
      StateTag.value("trigger/finished", StateCodecs.longs());

  private final TriggerStateMachine root;
  private final boolean mergingWindowFn;

  /**
   * A runner for {@code trigger}.
   *
   * @param mergingWindowFn whether the window function merges windows
   */
  public TriggerRunner(Trigger trigger, boolean mergingWindowFn) {
    this.root = TriggerStateMachines.build(trigger);
    this.mergingWindowFn = mergingWindowFn;
  }

  /** The root of the executable tree. */
  public TriggerStateMachine root() {
    return root;
  }

  /** Whether the trigger has finished for the window of {@code namespace}. */
  public boolean isClosed(StateInternals state, StateNamespace namespace) {
    return read(state, namespace).isFinished(root.index());
  }

  /** Feeds one element of the window to the trigger. */
  public void processValue(TriggerScope scope) {
    FinishedBits bits = read(scope);
    root.onElement(context(scope, bits, null, null));
    write(scope.state(), scope.namespace(), bits);
  }

  /**
   * Merges the trigger state of {@code mergingNamespaces} (the windows being merged that had
   * state; may include the result itself) into the window of {@code scope}.
   */
  public void onMerge(TriggerScope scope, List<StateNamespace> mergingNamespaces) {
    Preconditions.checkNotNull(mergingNamespaces, "mergingNamespaces");
    FinishedBits bits = read(scope);
    List<FinishedBits> merging = new ArrayList<>();
    for (StateNamespace ns : mergingNamespaces) {
      merging.add(read(scope.state(), ns));
      scope.state().state(ns, FINISHED).clear();
    }
    root.onMerge(context(scope, bits, List.copyOf(mergingNamespaces), merging));
    write(scope.state(), scope.namespace(), bits);
  }

  /** Whether the window should fire now. */
  public boolean shouldFire(TriggerScope scope) {
    return root.shouldFire(context(scope, read(scope), null, null));
  }

  /** Advances the trigger after the window fired. */
  public void onFire(TriggerScope scope) {
    FinishedBits bits = read(scope);
    root.onFire(context(scope, bits, null, null));
    write(scope.state(), scope.namespace(), bits);
  }

  /** Clears the trigger's state for the window but keeps the finished bits (closed stays closed). */
  public void clearState(TriggerScope scope) {
    root.clear(context(scope, read(scope), null, null));
  }

  /** Clears the finished bits of the window (when it is garbage collected). */
  public void clearFinished(StateInternals state, StateNamespace namespace) {
    state.state(namespace, FINISHED).clear();
  }

  private TriggerContext context(
      TriggerScope scope,
      FinishedBits bits,
      List<StateNamespace> mergingNamespaces,
      List<FinishedBits> mergingBits) {
    return new TriggerContext(
        root,
        new TriggerContext.Invocation(scope, mergingWindowFn, bits, mergingNamespaces, mergingBits));
  }

  private FinishedBits read(TriggerScope scope) {
    return read(scope.state(), scope.namespace());
  }

  private static FinishedBits read(StateInternals state, StateNamespace namespace) {
    Long bits = state.state(namespace, FINISHED).read();
    return new FinishedBits(bits == null ? 0L : bits);
  }

  private static void write(StateInternals state, StateNamespace namespace, FinishedBits bits) {
    ValueState<Long> cell = state.state(namespace, FINISHED);
    if (bits.bits() == 0L) {
      cell.clear();
    } else {
      cell.write(bits.bits());
    }
  }

  @Override
  public String toString() {
    return "TriggerRunner(" + root + ")";
  }
}
