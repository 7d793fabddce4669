package dev.millrace.windowing;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Trigger;
import java.io.Serializable;
import java.time.Duration;

/**
 * Everything a grouping needs to know about the windowing of its input: where in event time
 * ({@code windowFn}), when in processing time ({@code trigger}, {@code allowedLateness},
 * {@code onTimeBehavior}, {@code closingBehavior}), and how refinements relate
 * ({@code accumulationMode}, {@code timestampCombiner}). Every collection carries one; it starts as
 * {@link #globalDefault()} and is changed by {@code Window.into(...)} and by groupings
 * ({@link #continuation()}).
 *
 * <p>All built-in triggers can run with merging window functions; there is no trigger that a
 * merging window function rejects.
 *
 * @param windowFn assigns (and possibly merges) windows
 * @param trigger when panes are emitted
 * @param accumulationMode whether panes repeat earlier panes' elements
 * @param allowedLateness how long after the watermark passes a window's end late data is still
 *     accepted; non-negative
 * @param timestampCombiner how a pane's timestamp is chosen
 * @param onTimeBehavior whether an empty ON_TIME pane is emitted
 * @param closingBehavior whether an empty final pane is emitted when a window closes
 * @param triggerSpecified whether the user set the trigger explicitly
 * @param alreadyMerged whether the windows were already merged by an upstream grouping, so a
 *     downstream grouping must not merge them again
 */
public record WindowingStrategy(
    WindowFn<?> windowFn,
    Trigger trigger,
    AccumulationMode accumulationMode,
    Duration allowedLateness,
    TimestampCombiner timestampCombiner,
    OnTimeBehavior onTimeBehavior,
    ClosingBehavior closingBehavior,
    boolean triggerSpecified,
    boolean alreadyMerged)
    implements Serializable {

  /** Validates the components. */
  public WindowingStrategy {
    Preconditions.checkNotNull(windowFn, "windowFn");
    Preconditions.checkNotNull(trigger, "trigger");
    Preconditions.checkNotNull(accumulationMode, "accumulationMode");
    Preconditions.checkNotNull(allowedLateness, "allowedLateness");
    Preconditions.checkNotNull(timestampCombiner, "timestampCombiner");
    Preconditions.checkNotNull(onTimeBehavior, "onTimeBehavior");
    Preconditions.checkNotNull(closingBehavior, "closingBehavior");
    Preconditions.checkArgument(
        !allowedLateness.isNegative(),
        "allowed lateness must not be negative, got %s; use Duration.ZERO to drop all late data",
        allowedLateness);
  }

  /**
   * Beam's defaults: the global window, the default trigger, discarding fired panes, no allowed
   * lateness, END_OF_WINDOW timestamps, FIRE_ALWAYS on time, FIRE_IF_NON_EMPTY on closing.
   */
  public static WindowingStrategy globalDefault() {
    return new WindowingStrategy(
        GlobalWindows.of(),
        DefaultTrigger.of(),
        AccumulationMode.DISCARDING_FIRED_PANES,
        Duration.ZERO,
        TimestampCombiner.END_OF_WINDOW,
        OnTimeBehavior.FIRE_ALWAYS,
        ClosingBehavior.FIRE_IF_NON_EMPTY,
        false,
        false);
  }

  /** This strategy with another window function; its windows are not merged yet. */
  public WindowingStrategy withWindowFn(WindowFn<?> fn) {
    return new WindowingStrategy(
        fn, trigger, accumulationMode, allowedLateness, timestampCombiner, onTimeBehavior,
        closingBehavior, triggerSpecified, false);
  }

  /** This strategy with a trigger the user chose (marks the trigger as specified). */
  public WindowingStrategy withTrigger(Trigger t) {
    return new WindowingStrategy(
        windowFn, t, accumulationMode, allowedLateness, timestampCombiner, onTimeBehavior,
        closingBehavior, true, alreadyMerged);
  }

  /** This strategy with another accumulation mode. */
  public WindowingStrategy withMode(AccumulationMode mode) {
    return new WindowingStrategy(
        windowFn, trigger, mode, allowedLateness, timestampCombiner, onTimeBehavior,
        closingBehavior, triggerSpecified, alreadyMerged);
  }

  /** This strategy with exactly {@code lateness} (see {@link #withAllowedLatenessAtLeast}). */
  public WindowingStrategy withAllowedLateness(Duration lateness) {
    return new WindowingStrategy(
        windowFn, trigger, accumulationMode, lateness, timestampCombiner, onTimeBehavior,
        closingBehavior, triggerSpecified, alreadyMerged);
  }

  /** This strategy with the larger of its allowed lateness and {@code lateness}. */
  public WindowingStrategy withAllowedLatenessAtLeast(Duration lateness) {
    return lateness.compareTo(allowedLateness) > 0 ? withAllowedLateness(lateness) : this;
  }

  /** This strategy with another timestamp combiner. */
  public WindowingStrategy withTimestampCombiner(TimestampCombiner combiner) {
    return new WindowingStrategy(
        windowFn, trigger, accumulationMode, allowedLateness, combiner, onTimeBehavior,
        closingBehavior, triggerSpecified, alreadyMerged);
  }

  /** This strategy with another on-time behavior. */
  public WindowingStrategy withOnTimeBehavior(OnTimeBehavior behavior) {
    return new WindowingStrategy(
        windowFn, trigger, accumulationMode, allowedLateness, timestampCombiner, behavior,
        closingBehavior, triggerSpecified, alreadyMerged);
  }

  /** This strategy with another closing behavior. */
  public WindowingStrategy withClosingBehavior(ClosingBehavior behavior) {
    return new WindowingStrategy(
        windowFn, trigger, accumulationMode, allowedLateness, timestampCombiner, onTimeBehavior,
        behavior, triggerSpecified, alreadyMerged);
  }

  /** This strategy with the already-merged flag set as given. */
  public WindowingStrategy withAlreadyMerged(boolean merged) {
    return new WindowingStrategy(
        windowFn, trigger, accumulationMode, allowedLateness, timestampCombiner, onTimeBehavior,
        closingBehavior, triggerSpecified, merged);
  }

  /** Whether a grouping of this strategy must merge windows: a merging fn not merged yet. */
  public boolean needsMerging() {
    return windowFn.isMerging() && !alreadyMerged;
  }

  /**
   * The strategy of a collection produced by a grouping with this strategy: the same window
   * function (marked already merged if it merges, so the next grouping keeps the merged windows),
   * the continuation of the trigger, and everything else unchanged.
   */
  public WindowingStrategy continuation() {
    return new WindowingStrategy(
        windowFn, trigger.continuation(), accumulationMode, allowedLateness, timestampCombiner,
        onTimeBehavior, closingBehavior, triggerSpecified, alreadyMerged || windowFn.isMerging());
  }

  /**
   * Rejects strategies a grouping cannot run correctly, with a message saying how to fix them.
   *
   * @param unboundedInput whether the grouped collection is unbounded
   * @param stepName the grouping's step name, for the message
   * @throws IllegalStateException for an unbounded input in the global window with the default
   *     trigger (it would never emit), a trigger with a repeated firing where a once-trigger is
   *     required, or a top-level trigger that may finish (it would drop data)
   */
  public void validateForGrouping(boolean unboundedInput, String stepName) {
    String step = "GroupByKey '" + stepName + "'";
    if (unboundedInput && windowFn instanceof GlobalWindows && trigger instanceof DefaultTrigger) {
      throw new IllegalStateException(
          step
              + " cannot group an unbounded collection in the global window with the default"
              + " trigger: the default trigger fires only at the end of the window, and the global"
              + " window never ends, so nothing would ever be emitted. Either use Window.into(...)"
              + " with a non-global window function, such as"
              + " Window.into(FixedWindows.of(Duration.ofMinutes(1))), or set a trigger such as"
              + " Window.configure().triggering(Repeatedly.forever("
              + "AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofSeconds(10))))"
              + " or Repeatedly.forever(AfterPane.elementCountAtLeast(100)).");
    }
    try {
      trigger.checkOnceTriggersWhereRequired();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(step + " has an invalid trigger: " + e.getMessage(), e);
    }
    if (!isTriggerSafe()) {
      throw new IllegalStateException(
          step
              + " has the unsafe trigger "
              + trigger
              + ": it may finish, after which every further element of the window is silently"
              + " dropped. Wrap it to fire repeatedly: Repeatedly.forever("
              + trigger
              + "), or use AfterWatermark.pastEndOfWindow() with allowed lateness 0 or with"
              + " .withLateFirings(...).");
    }
  }

  /**
   * Beam's rule: a top-level trigger is safe if it cannot finish, or it is
   * {@code AfterWatermark.pastEndOfWindow()} (with or without early firings) and no late data is
   * allowed, or it has late firings.
   */
  public boolean isTriggerSafe() {
    if (!trigger.mayFinish()) {
      return true;
    }
    if (trigger instanceof AfterWatermark w) {
      return allowedLateness.isZero() || w.late() != null;
    }
    return false;
  }
}
