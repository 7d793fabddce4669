package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Under a script clock, what a keyed operator (grouping, stateful ParDo) keeps of its input: what
 * the input said about each step ({@link ScriptInput}), the step the operator reached and its
 * clocks ({@link ScriptTime}), and the elements of the steps not yet run, by step and key in
 * arrival order. The operator runs a step once every sender has completed it.
 */
final class KeyedScriptSteps {
  /** Runs one step of the script. */
  interface StepRunner {
    void run(long step) throws Exception;
  }

  private final FlinkClock.Script clock;
  private final ScriptInput input;
  private final ScriptTime time;
  private final TreeMap<Long, Map<EncodedKey, List<WindowedValue<Object>>>> byStep =
      new TreeMap<>();

  /** @param boundedInput whether the operator reads only bounded input (see {@link ScriptInput}) */
  KeyedScriptSteps(FlinkClock.Script clock, boolean boundedInput) {
    this.clock = clock;
    this.input = new ScriptInput(clock, boundedInput);
    this.time = new ScriptTime(clock);
  }

  /** The step reached and its clocks (what the operator's timers run on). */
  ScriptTime time() {
    return time;
  }

  /**
   * Takes a record of the current key: a held sender's marker is noted; an element is kept under
   * its step (its Flink timestamp), or the next step if that one has already run.
   */
  void offer(StreamRecord<WindowedValue<Object>> record, EncodedKey key) {
    WindowedValue<Object> v = record.getValue();
    if (ScriptMarker.is(v)) {
      input.observeMarker(ScriptMarker.of(v));
      return;
    }
    long step = Math.max(time.step() + 1, record.hasTimestamp() ? record.getTimestamp() : 0);
    byStep.computeIfAbsent(step, k -> new LinkedHashMap<>())
        .computeIfAbsent(key, k -> new ArrayList<>()).add(v);
  }

  /** Notes the input's Flink watermark and runs, in order, every step it completed. */
  void onWatermark(long flinkWatermark, StepRunner runner) throws Exception {
    input.observeWatermark(flinkWatermark);
    while (time.step() < input.completed()) {
      runner.run(time.step() + 1);
    }
  }

  /** Removes and returns the elements of {@code step} by key, or null when it has none. */
  Map<EncodedKey, List<WindowedValue<Object>>> take(long step) {
    return byStep.remove(step);
  }

  /** Moves the clocks to {@code step}: the input's watermark and the script's processing time. */
  void advanceClocks(long step) {
    time.advance(step, input.watermarkAt(step), clock.processingTimeAt(step));
  }
}
