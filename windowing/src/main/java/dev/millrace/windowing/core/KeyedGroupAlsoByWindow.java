package dev.millrace.windowing.core;

import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.statemachine.TriggerRunner;
import dev.millrace.windowing.statemachine.TriggerScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link GroupAlsoByWindow} bound to one key's state, timers and output (see
 * {@link GroupAlsoByWindow#forKey}). Cheap to create; create one per key and bundle, or keep one
 * bound to state, timers and output that follow a runner's current key (it keeps nothing between
 * calls).
 *
 * <p><b>The key's output watermark.</b> Whether an element's hold is still useful, whether a pane
 * is ON_TIME or LATE, and whether a timer marks the end of a window are decided against the
 * <em>key's</em> output watermark, never the runner's partition-wide one, so that the results of a
 * key do not depend on which other keys share its partition, subtask or runner. It is sampled once
 * at the start of each call: the minimum of the input watermark ({@link
 * TimerInternals#currentInputWatermark()}), the earliest watermark hold of this key's windows, and
 * (for {@link #onTimers}) the earliest event-time timer being delivered; pending timers that are
 * not yet due lie at or after the input watermark and so do not lower it. Holds and timers are
 * only ever set at or after the value last sampled, so it never goes backwards. The runner's own
 * output watermark ({@link TimerInternals#currentOutputWatermark()}) still governs what goes
 * downstream, but the core does not read it.
 *
 * @param <I> the value type of the input elements
 * @param <O> the output type of a pane
 */
public final class KeyedGroupAlsoByWindow<I, O> {
  private record Item<I>(I value, long timestamp, BoundedWindow window) {}

  private final GroupAlsoByWindow<I, O> g;
  private final WindowingStrategy strategy;
  private final TriggerRunner trigger;
  private final StateInternals state;
  private final TimerInternals timers;
  private final Consumer<WindowedValue<O>> output;
  private final DropCounter drops;
  /** The key's output watermark, sampled at the start of the current call. */
  private long outputWatermark;

  KeyedGroupAlsoByWindow(
      GroupAlsoByWindow<I, O> g,
      StateInternals state,
      TimerInternals timers,
      Consumer<WindowedValue<O>> output,
      DropCounter drops) {
    this.g = g;
    this.strategy = g.strategy();
    this.trigger = g.trigger();
    this.state = state;
    this.timers = timers;
    this.output = output;
    this.drops = drops == null ? DropCounter.NONE : drops;
  }

  /**
   * Processes all elements of one bundle for this key: drops those of expired windows, merges
   * windows, adds the values to their windows, and only then evaluates the triggers of the touched
   * windows, emitting the panes that fire.
   */
  public void processElements(Iterable<WindowedValue<I>> elements) {
    if (g.firesOnlyAtEndOfWindow()) {
      addToWindowsFiringAtTheirEnd(elements);
      return;
    }
    outputWatermark = keyOutputWatermark(Long.MAX_VALUE);
    List<Item<I>> items = dropExpired(elements);
    if (items.isEmpty()) {
      return;
    }
    ActiveWindowSet active = activeWindows();
    Set<BoundedWindow> windows = new LinkedHashSet<>();
    items.forEach(i -> windows.add(i.window()));
    Map<BoundedWindow, BoundedWindow> merged =
        strategy.needsMerging()
            ? WindowMerging.merge(g, state, timers, active, windows, outputWatermark)
            : Map.of();
    Set<BoundedWindow> toConsider = new LinkedHashSet<>();
    for (BoundedWindow w : windows) {
      BoundedWindow target = merged.getOrDefault(w, w);
      if (!trigger.isClosed(state, g.namespace(target))) {
        toConsider.add(target);
      }
    }
    for (Item<I> item : items) {
      processValue(active, merged.getOrDefault(item.window(), item.window()), item);
    }
    for (BoundedWindow w : toConsider) {
      if (trigger.shouldFire(scope(w))) {
        emit(active, w);
      }
    }
    active.persist();
  }

  /**
   * {@link #processElements} when every window fires only at its end (see {@link
   * GroupAlsoByWindow#firesOnlyAtEndOfWindow}): drops the elements of expired windows, adds the
   * others to their windows' buffers, and sets each touched window's one timer, at its end.
   */
  private void addToWindowsFiringAtTheirEnd(Iterable<WindowedValue<I>> elements) {
    long inputWatermark = timers.currentInputWatermark();
    long expired = 0;
    WindowsSeen timed = new WindowsSeen();
    for (WindowedValue<I> v : elements) {
      for (BoundedWindow w : v.windows()) {
        long end = WindowTimes.gcTime(w, strategy.allowedLateness());
        if (end < inputWatermark) {
          expired++;
          continue;
        }
        StateNamespace ns = g.namespace(w);
        g.buffer().add(state, ns, v.value());
        if (timed.add(w)) { // once per window and call
          timers.setTimer(TimerData.of(ns, WindowTimes.GC_TIMER, TimeDomain.EVENT_TIME, end));
        }
      }
    }
    if (expired > 0) {
      drops.droppedDueToLateness(expired);
    }
  }

  /**
   * {@link #onTimers} when every window fires only at its end: each window whose end the input
   * watermark has passed emits its buffer as its on-time and only pane, stamped with its maximum
   * timestamp, and is cleared. A timer delivered before its window's end (never, from a runner
   * that delivers only due event-time timers) is set again.
   */
  private void fireWindowsAtTheirEnd(Iterable<TimerData> dueTimers) {
    long inputWatermark = timers.currentInputWatermark();
    WindowsSeen fired = new WindowsSeen();
    for (TimerData t : dueTimers) {
      if (t.namespace().isGlobal()) {
        throw new IllegalArgumentException(
            "GroupAlsoByWindow only sets timers in window namespaces, but was given " + t);
      }
      BoundedWindow w = t.namespace().window();
      if (!fired.add(w)) {
        continue;
      }
      StateNamespace ns = t.namespace();
      long end = WindowTimes.gcTime(w, strategy.allowedLateness());
      if (inputWatermark <= end) {
        timers.setTimer(TimerData.of(ns, WindowTimes.GC_TIMER, TimeDomain.EVENT_TIME, end));
        continue;
      }
      O value = g.buffer().extract(state, ns);
      g.buffer().clear(state, ns);
      output.accept(WindowedValue.of(value, w.maxTimestampMillis(), w,
          PaneInfo.ON_TIME_AND_ONLY_FIRING));
    }
  }

  /** The windows seen in one call: usually one, so a set only from the second on. */
  private static final class WindowsSeen {
    private BoundedWindow first;
    private Set<BoundedWindow> more;

    /** Adds {@code w}; whether it was not seen before. */
    boolean add(BoundedWindow w) {
      if (first == null) {
        first = w;
        return true;
      }
      if (first.equals(w)) {
        return false;
      }
      if (more == null) {
        more = new HashSet<>(4);
      }
      return more.add(w);
    }
  }

  private List<Item<I>> dropExpired(Iterable<WindowedValue<I>> elements) {
    List<Item<I>> items = new ArrayList<>();
    long expired = 0;
    for (WindowedValue<I> v : elements) {
      for (BoundedWindow w : v.windows()) {
        if (isExpired(w)) {
          expired++;
        } else {
          items.add(new Item<>(v.value(), v.timestamp(), w));
        }
      }
    }
    if (expired > 0) {
      drops.droppedDueToLateness(expired);
    }
    return items;
  }

  private boolean isExpired(BoundedWindow w) {
    return WindowTimes.gcTime(w, strategy.allowedLateness()) < timers.currentInputWatermark();
  }

  private void processValue(ActiveWindowSet active, BoundedWindow w, Item<I> item) {
    StateNamespace ns = g.namespace(w);
    if (trigger.isClosed(state, ns)) {
      drops.droppedDueToClosedWindow(1);
      return;
    }
    active.add(w);
    NonEmptyPanes.record(state, ns);
    long gcTime = WindowTimes.gcTime(w, strategy.allowedLateness());
    timers.setTimer(TimerData.of(ns, WindowTimes.GC_TIMER, TimeDomain.EVENT_TIME, gcTime));
    g.holds().addHolds(state, timers, ns, item.timestamp(), outputWatermark);
    g.buffer().add(state, ns, item.value());
    trigger.processValue(new TriggerScope(ns, state, timers));
  }

  /**
   * Handles the key's due timers: for each window with a timer (processing-time timers of expired
   * windows are ignored), garbage-collects it if the input watermark is past its GC time (emitting
   * the final pane if needed), otherwise fires it if its trigger says so; when the watermark has
   * just passed the window's end, sets the GC timer.
   *
   * @throws IllegalArgumentException for a timer outside a window namespace
   */
  public void onTimers(Iterable<TimerData> dueTimers) {
    if (g.firesOnlyAtEndOfWindow()) {
      fireWindowsAtTheirEnd(dueTimers);
      return;
    }
    Map<BoundedWindow, Boolean> windows = new LinkedHashMap<>();
    long earliestDue = Long.MAX_VALUE;
    for (TimerData t : dueTimers) {
      if (t.namespace().isGlobal()) {
        throw new IllegalArgumentException(
            "GroupAlsoByWindow only sets timers in window namespaces, but was given " + t);
      }
      if (t.domain() == TimeDomain.EVENT_TIME) {
        earliestDue = Math.min(earliestDue, t.timestamp());
      }
      BoundedWindow w = t.namespace().window();
      if (t.domain() != TimeDomain.EVENT_TIME && isExpired(w)) {
        continue;
      }
      windows.putIfAbsent(w, Boolean.TRUE);
    }
    if (windows.isEmpty()) {
      return;
    }
    // The due timers were pending until this call: they still hold the key's output watermark.
    outputWatermark = keyOutputWatermark(earliestDue);
    ActiveWindowSet active = activeWindows();
    for (BoundedWindow w : windows.keySet()) {
      onWindowTimer(active, w);
    }
    active.persist();
  }

  private void onWindowTimer(ActiveWindowSet active, BoundedWindow w) {
    StateNamespace ns = g.namespace(w);
    long max = w.maxTimestampMillis();
    long inputWatermark = timers.currentInputWatermark();
    boolean endOfWindow = inputWatermark > max && outputWatermark <= max;
    long gcTime = WindowTimes.gcTime(w, strategy.allowedLateness());
    boolean open = active.isActive(w) && !trigger.isClosed(state, ns);
    if (inputWatermark > gcTime) {
      if (open) {
        onTrigger(w, ns, true);
      }
      clearAllState(active, w, ns);
      return;
    }
    if (open && trigger.shouldFire(scope(w))) {
      emit(active, w);
    }
    if (endOfWindow) {
      timers.setTimer(TimerData.of(ns, WindowTimes.GC_TIMER, TimeDomain.EVENT_TIME, gcTime));
    }
  }

  private void emit(ActiveWindowSet active, BoundedWindow w) {
    StateNamespace ns = g.namespace(w);
    TriggerScope scope = scope(w);
    trigger.onFire(scope);
    boolean finished = trigger.isClosed(state, ns);
    onTrigger(w, ns, finished);
    NonEmptyPanes.clear(state, ns);
    if (finished || strategy.accumulationMode() == AccumulationMode.DISCARDING_FIRED_PANES) {
      g.buffer().clear(state, ns);
    }
    if (finished) {
      trigger.clearState(scope);
      PaneTracker.clear(state, ns);
      active.remove(w);
    }
  }

  private void onTrigger(BoundedWindow w, StateNamespace ns, boolean finished) {
    long timestamp = g.holds().extractAndRelease(state, timers, ns, finished);
    boolean empty = NonEmptyPanes.isEmpty(state, ns);
    if (empty
        && strategy.closingBehavior() == ClosingBehavior.FIRE_IF_NON_EMPTY
        && strategy.onTimeBehavior() == OnTimeBehavior.FIRE_IF_NON_EMPTY) {
      return;
    }
    PaneInfo pane = PaneTracker.next(state, timers, ns, w, finished, outputWatermark);
    if (needToEmit(empty, finished, pane.timing())) {
      O value = g.buffer().extract(state, ns);
      if (!finished) {
        PaneTracker.store(state, ns, pane);
      }
      output.accept(WindowedValue.of(value, timestamp, w, pane));
    }
  }

  private boolean needToEmit(boolean empty, boolean finished, PaneInfo.Timing timing) {
    return !empty
        || (timing == PaneInfo.Timing.ON_TIME
            && strategy.onTimeBehavior() == OnTimeBehavior.FIRE_ALWAYS)
        || (finished && strategy.closingBehavior() == ClosingBehavior.FIRE_ALWAYS);
  }

  private void clearAllState(ActiveWindowSet active, BoundedWindow w, StateNamespace ns) {
    g.buffer().clear(state, ns);
    g.holds().clear(state, ns);
    NonEmptyPanes.clear(state, ns);
    trigger.clearState(scope(w));
    PaneTracker.clear(state, ns);
    trigger.clearFinished(state, ns);
    active.remove(w);
  }

  /**
   * The key's output watermark (see the class comment): the input watermark, this key's earliest
   * hold and {@code earliestDueTimer}, whichever is earliest.
   */
  private long keyOutputWatermark(long earliestDueTimer) {
    long bound = Math.min(timers.currentInputWatermark(), earliestDueTimer);
    if (bound <= dev.millrace.windowing.Timestamps.MIN) {
      return bound; // no hold can be earlier: skip reading the key's holds
    }
    return Math.min(bound, g.holds().minimumHold(state));
  }

  private ActiveWindowSet activeWindows() {
    return new ActiveWindowSet(strategy.needsMerging(), strategy.windowFn().windowCodec(), state);
  }

  private TriggerScope scope(BoundedWindow w) {
    return new TriggerScope(g.namespace(w), state, timers);
  }
}
