package dev.millrace.windowing.statemachine;

import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import dev.millrace.windowing.core.inmemory.InMemoryStateInternals;
import dev.millrace.windowing.core.inmemory.InMemoryTimerQueue;
import dev.millrace.windowing.triggers.Trigger;
import java.util.List;

/**
 * Runs one trigger for windows of one key, with state that round-trips its codecs. Script steps:
 * {@code e} (one element in [0,100)), {@code e3} (a bundle of three), {@code w<t>} (watermark),
 * {@code p<t>} (processing time), {@code m} (an element in [50,150), then merge [0,100) and
 * [50,150) into [0,150) — merging tests only). After each step the trigger is asked whether it
 * should fire; the step's result is {@code .} (no), {@code F} (fired) or {@code C} (fired and
 * closed); {@code x} when the trigger was already closed.
 */
final class TriggerTester {
  private final TriggerRunner runner;
  private final InMemoryStateInternals state = InMemoryStateInternals.encoding();
  private final InMemoryTimerQueue<String> timers = new InMemoryTimerQueue<>();
  private final InMemoryClock clock = new InMemoryClock(0);
  private StateNamespace window = ns(new IntervalWindow(0, 100));

  TriggerTester(Trigger trigger, boolean merging) {
    this.runner = new TriggerRunner(trigger, merging);
  }

  private static StateNamespace ns(IntervalWindow w) {
    return StateNamespace.window(w, StateCodecs.intervalWindows());
  }

  private TriggerScope scope(StateNamespace ns) {
    return new TriggerScope(ns, state, timers.forKey("k", clock));
  }

  String run(String script) {
    StringBuilder out = new StringBuilder();
    for (String step : script.trim().split("\\s+")) {
      out.append(step(step));
    }
    return out.toString();
  }

  private char step(String step) {
    if (runner.isClosed(state, window)) {
      return 'x';
    }
    char op = step.charAt(0);
    if (op == 'e') {
      int n = step.length() == 1 ? 1 : Integer.parseInt(step.substring(1));
      for (int i = 0; i < n; i++) {
        runner.processValue(scope(window));
      }
    } else if (op == 'w') {
      clock.advanceInputWatermark(Long.parseLong(step.substring(1)));
    } else if (op == 'p') {
      clock.advanceProcessingTime(Long.parseLong(step.substring(1)));
    } else if (op == 'm') {
      StateNamespace other = ns(new IntervalWindow(50, 150));
      runner.processValue(scope(other));
      StateNamespace merged = ns(new IntervalWindow(0, 150));
      runner.onMerge(scope(merged), List.of(window, other));
      window = merged;
    } else {
      throw new IllegalArgumentException("unknown step " + step);
    }
    if (!runner.shouldFire(scope(window))) {
      return '.';
    }
    runner.onFire(scope(window));
    return runner.isClosed(state, window) ? 'C' : 'F';
  }

  /** Clears the window's trigger state as the grouping does at garbage collection. */
  boolean clearAndCheckEmpty() {
    runner.clearState(scope(window));
    runner.clearFinished(state, window);
    return state.isEmpty();
  }

  long pendingProcessingTimer() {
    return timers.earliest(TimeDomain.PROCESSING_TIME);
  }

  long pendingEventTimer() {
    return timers.earliest(TimeDomain.EVENT_TIME);
  }
}
