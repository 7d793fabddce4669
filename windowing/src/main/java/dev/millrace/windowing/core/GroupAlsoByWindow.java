package dev.millrace.windowing.core;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.statemachine.TriggerRunner;
import dev.millrace.windowing.triggers.DefaultTrigger;
import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * The windowed-reduce core shared by every runner (Beam's GroupAlsoByWindow / ReduceFnRunner
 * semantics): given the elements of one key (already assigned to windows) and the key's timers,
 * it merges windows, buffers or combines values per window, runs the trigger, keeps watermark
 * holds, and emits panes with their timestamp (from the timestamp combiner) and {@code PaneInfo};
 * it drops expired data and garbage-collects windows at their maximum timestamp plus the allowed
 * lateness, emitting the final pane if needed.
 *
 * <p>This object is immutable, serializable configuration. A runner binds it to one key's state,
 * timers and output with {@link #forKey}, then calls
 * {@link KeyedGroupAlsoByWindow#processElements} with all elements of a bundle for that key and
 * {@link KeyedGroupAlsoByWindow#onTimers} with the key's due timers.
 *
 * @param <I> the value type of the input elements
 * @param <O> the output type of a pane
 */
public final class GroupAlsoByWindow<I, O> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final WindowingStrategy strategy;
  private final ReduceBuffer<I, O> buffer;
  private final TriggerRunner trigger;
  private final WatermarkHolds holds;
  private final boolean firesOnlyAtEndOfWindow;

  private GroupAlsoByWindow(WindowingStrategy strategy, ReduceBuffer<I, O> buffer) {
    this.strategy = Preconditions.checkNotNull(strategy, "a grouping needs a windowing strategy");
    this.buffer = buffer;
    this.trigger = new TriggerRunner(strategy.trigger(), strategy.needsMerging());
    this.holds = new WatermarkHolds(strategy);
    this.firesOnlyAtEndOfWindow = firesOnlyAtEndOfWindow(strategy);
  }

  /**
   * Whether every window of {@code strategy} fires exactly once, when the watermark passes its
   * end, with one on-time and only pane stamped with the window's maximum timestamp: the default
   * trigger, no allowed lateness, the END_OF_WINDOW timestamp combiner and windows that do not
   * merge (the defaults of a windowed grouping). Then no trigger state, pane state or watermark
   * hold is needed: a window is its buffer and one timer at its end, which is also its
   * garbage-collection time and holds the output watermark at the pane's timestamp until it
   * fires (every runner holds its output watermark at its earliest pending event-time timer).
   * Late data is dropped as for any strategy: its window has expired.
   */
  public static boolean firesOnlyAtEndOfWindow(WindowingStrategy strategy) {
    return strategy.trigger() instanceof DefaultTrigger
        && !strategy.needsMerging()
        && strategy.allowedLateness().isZero()
        && strategy.timestampCombiner() == TimestampCombiner.END_OF_WINDOW;
  }

  boolean firesOnlyAtEndOfWindow() {
    return firesOnlyAtEndOfWindow;
  }

  /**
   * A GroupByKey: a pane's output is the list of its values (in arrival order).
   *
   * @param valueCodec encodes buffered values for serializing state backends
   */
  public static <I> GroupAlsoByWindow<I, List<I>> grouping(
      WindowingStrategy strategy, StateCodec<I> valueCodec) {
    Preconditions.checkNotNull(valueCodec, "a grouping needs a codec for its values");
    return new GroupAlsoByWindow<>(strategy, ReduceBuffer.Bag.of(valueCodec));
  }

  /**
   * A Combine: values are folded into an accumulator per window; a pane's output is the
   * aggregation's output.
   *
   * @param accumulatorCodec encodes accumulators for serializing state backends
   */
  public static <I, A, O> GroupAlsoByWindow<I, O> combining(
      WindowingStrategy strategy, Aggregation<I, A, O> aggregation, StateCodec<A> accumulatorCodec) {
    Preconditions.checkNotNull(aggregation, "a combining grouping needs an aggregation");
    Preconditions.checkNotNull(accumulatorCodec, "a combining grouping needs an accumulator codec");
    return new GroupAlsoByWindow<>(strategy, ReduceBuffer.Combining.of(aggregation, accumulatorCodec));
  }

  /**
   * {@link #grouping} if {@code aggregation} is {@link Aggregations#buffering()}, otherwise
   * {@link #combining}.
   */
  @SuppressWarnings("unchecked")
  public static <I, A, O> GroupAlsoByWindow<I, O> create(
      WindowingStrategy strategy,
      Aggregation<I, A, O> aggregation,
      StateCodec<I> valueCodec,
      StateCodec<A> accumulatorCodec) {
    if (Aggregations.isBuffering(aggregation)) {
      return (GroupAlsoByWindow<I, O>) (GroupAlsoByWindow<I, ?>) grouping(strategy, valueCodec);
    }
    return combining(strategy, aggregation, accumulatorCodec);
  }

  /** The windowing strategy of the grouped collection. */
  public WindowingStrategy strategy() {
    return strategy;
  }

  /**
   * Binds this grouping to one key.
   *
   * @param state the key's state
   * @param timers the key's timers and the computation's clocks
   * @param output receives the panes (value, timestamp, window, pane info)
   * @param drops receives the counts of dropped elements
   */
  public KeyedGroupAlsoByWindow<I, O> forKey(
      StateInternals state,
      TimerInternals timers,
      Consumer<WindowedValue<O>> output,
      DropCounter drops) {
    return new KeyedGroupAlsoByWindow<>(this, state, timers, output, drops);
  }

  /** {@link #forKey(StateInternals, TimerInternals, Consumer, DropCounter)} ignoring drops. */
  public KeyedGroupAlsoByWindow<I, O> forKey(
      StateInternals state, TimerInternals timers, Consumer<WindowedValue<O>> output) {
    return forKey(state, timers, output, DropCounter.NONE);
  }

  ReduceBuffer<I, O> buffer() {
    return buffer;
  }

  /**
   * The tag of a window's buffer. When the windows fire only at their end ({@link
   * #firesOnlyAtEndOfWindow(WindowingStrategy)}) it is a window's only state, so the namespaces
   * that hold it are exactly the open windows (a runner may find them so after a restore).
   */
  public StateTag<?> bufferTag() {
    return buffer.tag();
  }

  /**
   * When {@code window} is due, for a grouping whose windows fire only at their end: the time of
   * the one event-time timer the core gives it (its end plus the allowed lateness, which is zero).
   */
  public long endOfWindowTimerTime(BoundedWindow window) {
    return WindowTimes.gcTime(window, strategy.allowedLateness());
  }

  TriggerRunner trigger() {
    return trigger;
  }

  WatermarkHolds holds() {
    return holds;
  }

  @SuppressWarnings("unchecked")
  WindowFn<BoundedWindow> windowFn() {
    return (WindowFn<BoundedWindow>) strategy.windowFn();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  StateNamespace namespace(BoundedWindow window) {
    return StateNamespace.window(window, (StateCodec) strategy.windowFn().windowCodec());
  }

  @Override
  public String toString() {
    return "GroupAlsoByWindow(" + strategy + ")";
  }
}
