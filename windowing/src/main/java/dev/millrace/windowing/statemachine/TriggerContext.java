package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.core.State;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link TriggerStateMachine} node sees while it runs for one window: the window, the
 * node's own state cells (tag ids are made unique per node), the finished bits of the node and its
 * sub-triggers, the clocks, and timers. During a merge it also sees the merging windows' state and
 * finished bits. Created by {@link TriggerRunner}; a node reaches its sub-triggers with
 * {@link #sub(int)}.
 */
public final class TriggerContext {
  /** The shared part of every node's context for one invocation. */
  static final class Invocation {
    final TriggerScope scope;
    final boolean mergingWindowFn;
    final FinishedBits finished;
    final List<StateNamespace> mergingNamespaces;
    final List<FinishedBits> mergingFinished;

    Invocation(
        TriggerScope scope,
        boolean mergingWindowFn,
        FinishedBits finished,
        List<StateNamespace> mergingNamespaces,
        List<FinishedBits> mergingFinished) {
      this.scope = scope;
      this.mergingWindowFn = mergingWindowFn;
      this.finished = finished;
      this.mergingNamespaces = mergingNamespaces;
      this.mergingFinished = mergingFinished;
    }
  }

  private final TriggerStateMachine node;
  private final Invocation inv;

  TriggerContext(TriggerStateMachine node, Invocation inv) {
    this.node = node;
    this.inv = inv;
  }

  /** The id of the timer a trigger sets for {@code timestamp} in {@code domain}. */
  public static String timerId(TimeDomain domain, long timestamp) {
    return "trigger/" + (domain == TimeDomain.EVENT_TIME ? "event/" : "processing/") + timestamp;
  }

  /** The node this context is for. */
  public TriggerStateMachine trigger() {
    return node;
  }

  /** The context of sub-trigger {@code i} of this node. */
  public TriggerContext sub(int i) {
    return new TriggerContext(node.subTriggers().get(i), inv);
  }

  /** The window the trigger runs for. */
  public BoundedWindow window() {
    return inv.scope.namespace().window();
  }

  /** Whether the window function merges windows (so finished sub-triggers may be revived). */
  public boolean isMerging() {
    return inv.mergingWindowFn;
  }

  /** This node's cell {@code tag} in the window. */
  public <S extends State> S state(StateTag<S> tag) {
    return inv.scope.state().state(inv.scope.namespace(), ownTag(tag));
  }

  /** This node's cell {@code tag} in each merging window (empty outside a merge). */
  public <S extends State> List<S> stateInMergingWindows(StateTag<S> tag) {
    List<S> result = new ArrayList<>();
    if (inv.mergingNamespaces != null) {
      for (StateNamespace ns : inv.mergingNamespaces) {
        result.add(inv.scope.state().state(ns, ownTag(tag)));
      }
    }
    return result;
  }

  private <S extends State> StateTag<S> ownTag(StateTag<S> tag) {
    return tag.withId("trigger/" + node.index() + "/" + tag.id());
  }

  /** Whether this node has finished in the window. */
  public boolean isFinished() {
    return inv.finished.isFinished(node.index());
  }

  /** Whether sub-trigger {@code i} has finished in the window. */
  public boolean isSubFinished(int i) {
    return inv.finished.isFinished(node.subTriggers().get(i).index());
  }

  /** Marks this node finished or not. */
  public void setFinished(boolean finished) {
    inv.finished.set(node.index(), finished);
  }

  /** The index of the first unfinished sub-trigger, or -1 if all have finished. */
  public int firstUnfinishedSub() {
    for (int i = 0; i < node.subTriggers().size(); i++) {
      if (!isSubFinished(i)) {
        return i;
      }
    }
    return -1;
  }

  /** During a merge: whether this node had finished in at least one merging window. */
  public boolean finishedInAnyMergingWindow() {
    return mergingFinished().stream().anyMatch(b -> b.isFinished(node.index()));
  }

  /** During a merge: whether this node had finished in every merging window (true if none). */
  public boolean finishedInAllMergingWindows() {
    return mergingFinished().stream().allMatch(b -> b.isFinished(node.index()));
  }

  private List<FinishedBits> mergingFinished() {
    return inv.mergingFinished == null ? List.of() : inv.mergingFinished;
  }

  /** The input watermark. */
  public long inputWatermark() {
    return inv.scope.timers().currentInputWatermark();
  }

  /** The current processing time. */
  public long processingTime() {
    return inv.scope.timers().currentProcessingTime();
  }

  /** Whether the input watermark is past the window's maximum timestamp. */
  public boolean endOfWindowReached() {
    return inputWatermark() > window().maxTimestampMillis();
  }

  /** Sets a timer in the window's namespace, to wake the grouping up after {@code timestamp}. */
  public void setTimer(long timestamp, TimeDomain domain) {
    inv.scope
        .timers()
        .setTimer(TimerData.of(inv.scope.namespace(), timerId(domain, timestamp), domain, timestamp));
  }

  /** Marks this node and its whole subtree unfinished and clears their state (for repeating). */
  public void resetTree() {
    inv.finished.clearRange(node.index(), node.endIndex());
    invokeClear();
  }

  /** Runs {@link TriggerStateMachine#onElement} of this node. */
  public void invokeOnElement() {
    node.onElement(this);
  }

  /** Runs {@link TriggerStateMachine#onMerge} of this node. */
  public void invokeOnMerge() {
    node.onMerge(this);
  }

  /** Runs {@link TriggerStateMachine#shouldFire} of this node. */
  public boolean invokeShouldFire() {
    return node.shouldFire(this);
  }

  /** Runs {@link TriggerStateMachine#onFire} of this node. */
  public void invokeOnFire() {
    node.onFire(this);
  }

  /** Runs {@link TriggerStateMachine#clear} of this node. */
  public void invokeClear() {
    node.clear(this);
  }
}
